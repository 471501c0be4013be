# The benchmark: `make bench` builds bench/bench and runs it over the
# crosvm corpus (SG_SHARED, default ../shared), side by side with
# libseccomp.  It prints figures; it is not a test.
if HAVE_LIBSECCOMP
noinst_PROGRAMS += bench/bench
bench_bench_SOURCES = bench/bench.c bench/scmp-arch.h
# tests/libsuite.a: the scandir helpers the tests use too.
bench_bench_LDADD = tests/libsuite.a libseccompgen.a -lseccomp -lm
endif

# bench/args: argument checks against minijail's programs (and
# libseccomp's when it is installed).
noinst_PROGRAMS += bench/args
bench_args_SOURCES = bench/args.c bench/args.h bench/args-kernel.c bench/scmp-arch.h
bench_args_LDADD = tests/libsuite.a libseccompgen.a
if HAVE_LIBSECCOMP
bench_args_CPPFLAGS = $(AM_CPPFLAGS) -DHAVE_SECCOMP_H
bench_args_LDADD += -lseccomp
endif

# bench/oci: Docker's default profile against libseccomp (issue 27).
if HAVE_LIBSECCOMP
noinst_PROGRAMS += bench/oci
bench_oci_SOURCES = bench/oci.c tests/oci-libseccomp.c tests/oci-libseccomp.h
bench_oci_LDADD = tests/libsuite.a libseccompgen.a -lseccomp
endif

bench: bench/bench$(EXEEXT) bench/args$(EXEEXT) bench/oci$(EXEEXT) seccomp-gen$(EXEEXT)
	./bench/bench$(EXEEXT) "$${SG_SHARED:-$(abs_top_srcdir)/../shared}/corpus/crosvm"
	./bench/oci$(EXEEXT) "$${SG_SHARED:-$(abs_top_srcdir)/../shared}"
	./bench/args$(EXEEXT) "$${SG_SHARED:-$(abs_top_srcdir)/../shared}"
	@$(SHELL) $(srcdir)/bench/corpus-wall.sh ./seccomp-gen$(EXEEXT) "$${SG_SHARED:-$(abs_top_srcdir)/../shared}/corpus/crosvm"
	@bash $(srcdir)/bench/compile-scaling.sh ./seccomp-gen$(EXEEXT)
.PHONY: bench
EXTRA_DIST += bench/corpus-wall.sh
EXTRA_DIST += bench/compile-scaling.sh bench/large-policy.sh
