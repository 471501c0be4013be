# The benchmark: `make bench` builds bench/bench and runs it over the
# crosvm corpus (SG_SHARED, default ../shared), side by side with
# libseccomp.  It prints figures; it is not a test.
if HAVE_LIBSECCOMP
noinst_PROGRAMS += bench/bench
bench_bench_SOURCES = bench/bench.c
# tests/libsuite.a: the scandir helpers the tests use too.
bench_bench_LDADD = tests/libsuite.a libseccompgen.a -lseccomp -lm
endif

bench: bench/bench$(EXEEXT) seccomp-gen$(EXEEXT)
	./bench/bench$(EXEEXT) "$${SG_SHARED:-$(abs_top_srcdir)/../shared}/corpus/crosvm"
	@$(SHELL) $(srcdir)/bench/corpus-wall.sh ./seccomp-gen$(EXEEXT) "$${SG_SHARED:-$(abs_top_srcdir)/../shared}/corpus/crosvm"
	@bash $(srcdir)/bench/compile-scaling.sh ./seccomp-gen$(EXEEXT)
.PHONY: bench
EXTRA_DIST += bench/corpus-wall.sh
EXTRA_DIST += bench/compile-scaling.sh bench/large-policy.sh
