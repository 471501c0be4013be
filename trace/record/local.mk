# Recording: a command run under ptrace in, calls counted per (arch,
# number) and argument value out.
seccomp_gen_trace_SOURCES += \
	trace/record/ptrace.c trace/record/record.c trace/record/names.c \
	trace/record/values.c trace/record/argfilter.c
