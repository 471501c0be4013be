# `make fuzz`: the libFuzzer harness (tests/fuzz/fuzz-compile.c) built with
# clang, AddressSanitizer and UndefinedBehaviorSanitizer over the library's
# sources, then run for FUZZ_TIME seconds from a seed corpus of the
# project's own policies and test files.  Fails on any crash, leak or
# sanitizer report; ends with the number of executions.  Exits 77 (skip)
# when clang cannot link -fsanitize=fuzzer (Debian: libclang-rt-14-dev).
FUZZ_TIME = 60
# No trace-cmp hooks (-fsanitize=fuzzer adds them): they took 40% of the
# time, and with the dictionary they found no more coverage in the same
# time (45 s from the seeds: 2305 edges / 11035 features without them,
# 2309 / 10833 with), so without them the campaign runs 1.8x as many
# inputs.
FUZZ_FLAGS = -g -O1 -std=gnu99 -fsanitize=fuzzer,address,undefined -fno-sanitize-coverage=trace-cmp \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SEEDS = tests/decisions tests/diagnostics policies
EXTRA_DIST += tests/fuzz/fuzz-compile.c tests/fuzz/run.sh tests/fuzz/policy.dict tests/fuzz/big-seeds.sh

tests/fuzz/fuzz-compile$(EXEEXT): $(srcdir)/tests/fuzz/fuzz-compile.c $(libseccompgen_a_SOURCES) \
		$(nodist_libseccompgen_a_SOURCES) config.h
	$(AM_V_GEN)$(MKDIR_P) tests/fuzz && \
	srcs=; for f in $(libseccompgen_a_SOURCES); do \
		case $$f in *.c) srcs="$$srcs $(srcdir)/$$f";; esac; done; \
	for f in $(nodist_libseccompgen_a_SOURCES); do \
		case $$f in *.c) srcs="$$srcs $$f";; esac; done; \
	$(FUZZ_CC) $(FUZZ_FLAGS) -I$(srcdir) -I$(builddir) -DSG_HOST_TRIPLET='"$(host)"' \
		-Wno-unused-function -o $@ $(srcdir)/tests/fuzz/fuzz-compile.c $$srcs
CLEANFILES += tests/fuzz/fuzz-compile$(EXEEXT) tests/fuzz/executions

# Both fuzz targets skip (exit 77) when clang cannot link -fsanitize=fuzzer.
fuzz_need_clang = if test "x$(FUZZ_CC)" = xnone || \
	! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' | \
	$(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then \
	echo "fuzz: SKIP: no clang that links -fsanitize=fuzzer (install clang and libclang-rt-14-dev)"; \
	exit 77; fi

fuzz:
	@$(fuzz_need_clang)
	@$(MAKE) $(AM_MAKEFLAGS) tests/fuzz/fuzz-compile$(EXEEXT)
	@SG_FUZZ_SRCDIR='$(abs_top_srcdir)' FUZZ_EXTRA='-dict=$(srcdir)/tests/fuzz/policy.dict' \
		$(SHELL) $(srcdir)/tests/fuzz/run.sh \
		tests/fuzz/fuzz-compile$(EXEEXT) '$(FUZZ_TIME)' $(addprefix $(srcdir)/,$(FUZZ_SEEDS))
.PHONY: fuzz

# `make fuzz-long`: the campaign of issue 17, in two parts on a 1 MiB
# stack, with the dictionary.  First FUZZ_BIG_TIME seconds on inputs of
# up to 1.1 MB, from seeds that reach the limits (tests/fuzz/big-seeds.sh):
# each takes up to a tenth of a second, so they get a part of their own.
# Then FUZZ_RUNS executions (10 million) on inputs of up to
# FUZZ_BULK_LEN bytes (4096), shared by FUZZ_JOBS fuzzers side by side:
# at 64 KiB a job ran 210 inputs a second, at 4 KiB 1380.  Same verdict
# as `make fuzz`; ends with the total number of executions.
FUZZ_RUNS = 10000000
FUZZ_JOBS = 2
FUZZ_BIG_TIME = 600
FUZZ_BULK_LEN = 4096
fuzz-long:
	@$(fuzz_need_clang)
	@$(MAKE) $(AM_MAKEFLAGS) tests/fuzz/fuzz-compile$(EXEEXT)
	@$(SHELL) $(srcdir)/tests/fuzz/big-seeds.sh tests/fuzz/big-seeds
	@rm -f tests/fuzz/executions
	@SG_FUZZ_SRCDIR='$(abs_top_srcdir)' FUZZ_MAX_LEN=1100000 \
		FUZZ_EXTRA='-dict=$(abs_top_srcdir)/tests/fuzz/policy.dict' \
		$(SHELL) $(srcdir)/tests/fuzz/run.sh tests/fuzz/fuzz-compile$(EXEEXT) '$(FUZZ_BIG_TIME)' \
		$(addprefix $(abs_top_srcdir)/,$(FUZZ_SEEDS)) tests/fuzz/big-seeds
	@SG_FUZZ_SRCDIR='$(abs_top_srcdir)' FUZZ_JOBS='$(FUZZ_JOBS)' FUZZ_MAX_LEN='$(FUZZ_BULK_LEN)' \
		FUZZ_EXTRA="-dict=$(abs_top_srcdir)/tests/fuzz/policy.dict -runs=$$(( $(FUZZ_RUNS) / $(FUZZ_JOBS) ))" \
		$(SHELL) $(srcdir)/tests/fuzz/run.sh tests/fuzz/fuzz-compile$(EXEEXT) 0 \
		$(addprefix $(abs_top_srcdir)/,$(FUZZ_SEEDS))
	@echo "fuzz-long: $$(awk '{ n += $$1 } END { print n }' tests/fuzz/executions) executions in all, no crash, leak or sanitizer report"
.PHONY: fuzz-long
