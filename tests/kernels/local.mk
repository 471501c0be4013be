# make check-kernels (issue 24): seccomp-gen's programs, the crosvm corpus
# and the tracer's round trip in Debian's arm64, armmp-lpae and riscv64
# kernels under qemu-system (tests/kernels/run.sh says how).  A target of
# its own, run once by .ci/run: it boots three kernels.  kgen, the host
# half, writes the programs and calls; the guests are cross-built by
# run.sh into tests/kernels/work/ in the build directory.  Their tracer
# records with ptrace: its eBPF recorder would need libbpf for the guest.
EXTRA_PROGRAMS = tests/kernels/kgen
tests_kernels_kgen_SOURCES = tests/kernels/kgen.c
tests_kernels_kgen_LDADD = $(TEST_LIBS)
CLEANFILES += tests/kernels/kgen$(EXEEXT)
EXTRA_DIST += tests/kernels/run.sh tests/kernels/guest.c tests/kernels/guest.h tests/kernels/workload.c \
	tests/kernels/log.policy tests/kernels/trap.policy tests/kernels/notify.policy tests/kernels/foreign.policy

check-kernels: tests/kernels/kgen$(EXEEXT) seccomp-gen$(EXEEXT)
	@srcdir='$(srcdir)' builddir='$(builddir)' KGEN='$(abs_builddir)/tests/kernels/kgen$(EXEEXT)' \
	KG_SOURCES='$(filter %.c,$(libseccompgen_a_SOURCES))' \
	KG_BUILT='$(filter %.c,$(nodist_libseccompgen_a_SOURCES))' \
	KG_SG_MAIN='$(filter %.c,$(seccomp_gen_SOURCES))' \
	KG_TRACE_SOURCES='$(sort $(filter-out trace/record/bpf.c,$(filter %.c,$(seccomp_gen_trace_SOURCES))) trace/record/bpf-none.c)' \
	SG_SHARED="$${SG_SHARED:-$(abs_top_srcdir)/../shared}" \
	$(SHELL) $(srcdir)/tests/kernels/run.sh
.PHONY: check-kernels

clean-local: clean-kernels
clean-kernels:
	rm -rf tests/kernels/work
.PHONY: clean-kernels
