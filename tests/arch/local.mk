# Tests of the arch tables (arch/): consistency of the tables themselves,
# agreement with minijail's constants.json in the corpus, agreement with the
# build machine's <asm/unistd.h>, and tbl2c.awk's refusal of bad tables.
# sg-arch-dump is a helper for the shell tests, not a test.
check_PROGRAMS += \
	tests/arch/test-arch-tables \
	tests/arch/test-arch-corpus \
	tests/arch/sg-arch-dump
tests_arch_test_arch_tables_SOURCES = tests/arch/test-arch-tables.c
tests_arch_test_arch_tables_LDADD = libseccompgen.a
tests_arch_test_arch_corpus_SOURCES = tests/arch/test-arch-corpus.c
tests_arch_test_arch_corpus_LDADD = libseccompgen.a
tests_arch_sg_arch_dump_SOURCES = tests/arch/sg-arch-dump.c
tests_arch_sg_arch_dump_LDADD = libseccompgen.a

TESTS += \
	tests/arch/test-arch-tables \
	tests/arch/test-arch-corpus \
	tests/arch/host-unistd.sh \
	tests/arch/tbl2c.sh
EXTRA_DIST += \
	tests/arch/host-unistd.sh \
	tests/arch/tbl2c.sh \
	tests/arch/known-differences.txt
