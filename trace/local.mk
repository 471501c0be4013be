# seccomp-gen-trace: a first policy from a real run (issue 15).
bin_PROGRAMS += seccomp-gen-trace
seccomp_gen_trace_SOURCES = trace/trace.h trace/main.c
seccomp_gen_trace_LDADD = libseccompgen.a
include $(srcdir)/trace/record/local.mk
include $(srcdir)/trace/logs/local.mk
include $(srcdir)/trace/policy/local.mk

# The round trips: a program traced, its policy compiled and the program
# run again under it in the kernel.  The helpers are built without the
# sanitizers: their syscalls are what is traced and filtered, and
# LeakSanitizer's exit-time ptrace would meet the tracer.
check_PROGRAMS += tests/trace/traced-prog tests/trace/run-filtered
tests_trace_traced_prog_SOURCES = tests/trace/traced-prog.c
tests_trace_traced_prog_CFLAGS = -std=gnu99 $(WARN_CFLAGS) -pthread
tests_trace_traced_prog_LDFLAGS = -pthread
tests_trace_run_filtered_SOURCES = tests/trace/run-filtered.c
tests_trace_run_filtered_CFLAGS = -std=gnu99 $(WARN_CFLAGS)
tests_trace_run_filtered_LDFLAGS =
# vfork(2) and exec: the child runs on the parent's memory until its exec.
check_PROGRAMS += tests/trace/vfork-prog
tests_trace_vfork_prog_SOURCES = tests/trace/vfork-prog.c
tests_trace_vfork_prog_CFLAGS = -std=gnu99 $(WARN_CFLAGS)
tests_trace_vfork_prog_LDFLAGS =
# The recorders compared, workload by workload (tests/trace-recorders.sh).
check_PROGRAMS += tests/trace/follow-prog
tests_trace_follow_prog_SOURCES = tests/trace/follow-prog.c
tests_trace_follow_prog_CFLAGS = -std=gnu99 $(WARN_CFLAGS) -pthread
tests_trace_follow_prog_LDFLAGS = -pthread
TESTS += tests/trace.sh tests/trace-ptrace.sh tests/trace-recorders.sh
EXTRA_DIST += tests/trace.sh tests/trace-ptrace.sh tests/trace-recorders.sh tests/trace/audit-sample.log tests/trace/libbpf.supp

# The tracer's overhead, traced against untraced wall time (figures only).
bench-trace: seccomp-gen-trace$(EXEEXT) tests/trace/traced-prog$(EXEEXT)
	$(SHELL) $(srcdir)/bench/trace-overhead.sh .
.PHONY: bench-trace
EXTRA_DIST += bench/trace-overhead.sh

dist_man_MANS += man/seccomp-gen-trace.1
