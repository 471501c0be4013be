# The test suite.  Every test prints TAP.
EXTRA_DIST += tests/tap.h

TESTS += tests/decisions.sh
EXTRA_DIST += tests/decisions.sh tests/decisions

noinst_LIBRARIES += tests/libsuite.a
tests_libsuite_a_SOURCES = tests/suite.c tests/suite.h tests/kernel.c tests/kernel.h tests/tap.h
TEST_LIBS = tests/libsuite.a libseccompgen.a

check_PROGRAMS += tests/test-kernel-decisions
tests_test_kernel_decisions_LDADD = $(TEST_LIBS)
TESTS += tests/test-kernel-decisions

check_PROGRAMS += tests/test-corpus
tests_test_corpus_LDADD = $(TEST_LIBS)
TESTS += tests/test-corpus

TESTS += tests/diagnostics.sh
EXTRA_DIST += tests/diagnostics.sh

TESTS += tests/cli.sh
EXTRA_DIST += tests/cli.sh tests/diagnostics

TESTS += tests/demo.sh
EXTRA_DIST += tests/demo.sh

TESTS += tests/valgrind.sh
EXTRA_DIST += tests/valgrind.sh

check_PROGRAMS += tests/test-cache
tests_test_cache_LDADD = $(TEST_LIBS)
TESTS += tests/test-cache

check_PROGRAMS += tests/sg-kernel-load
tests_sg_kernel_load_LDADD = $(TEST_LIBS)
TESTS += tests/limits.sh
EXTRA_DIST += tests/limits.sh
