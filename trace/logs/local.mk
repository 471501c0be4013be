# Other recorders' logs: strace and audit logs in, the same calls the
# ptrace recorder would have counted out.
seccomp_gen_trace_SOURCES += \
	trace/logs/logfile.c trace/logs/logfile.h \
	trace/logs/from_strace.c trace/logs/from_audit.c
