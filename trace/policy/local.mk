# Policies: earlier outputs and --base policies read back, and the
# counted calls written out as a policy.
seccomp_gen_trace_SOURCES += \
	trace/policy/base.c trace/policy/merge.c trace/policy/write_policy.c \
	trace/policy/write_profile.c
