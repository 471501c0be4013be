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
EXTRA_DIST += tests/cli.sh tests/lib.sh tests/diagnostics

TESTS += tests/demo.sh
EXTRA_DIST += tests/demo.sh

TESTS += tests/valgrind.sh
EXTRA_DIST += tests/valgrind.sh

check_PROGRAMS += tests/test-cache
tests_test_cache_LDADD = $(TEST_LIBS)
TESTS += tests/test-cache

check_PROGRAMS += tests/test-dispatch
tests_test_dispatch_LDADD = $(TEST_LIBS)
TESTS += tests/test-dispatch

check_PROGRAMS += tests/test-validate
tests_test_validate_LDADD = $(TEST_LIBS)
TESTS += tests/test-validate

check_PROGRAMS += tests/test-kernel-agreement
tests_test_kernel_agreement_LDADD = $(TEST_LIBS)
TESTS += tests/test-kernel-agreement

# The bad-input catalogue; sg-run is its helper (exit status, peak RSS).
check_PROGRAMS += tests/bad-input/sg-run
tests_bad_input_sg_run_SOURCES = tests/bad-input/sg-run.c
TESTS += tests/bad-input.sh
EXTRA_DIST += tests/bad-input.sh tests/bad-input/catalogue.sh

# The same catalogue with a 1 MiB stack (issue 17).
TESTS += tests/stack.sh
EXTRA_DIST += tests/stack.sh

TESTS += tests/lint.sh
EXTRA_DIST += tests/lint.sh tests/lint

# Embedding (issue 5).  <seccomp-gen/install.h> in the kernel, with a
# table generated from two policies.
INSTALL_TEST_POLICIES = tests/install/deny_getppid.policy tests/install/deny_getsid.policy
EXTRA_DIST += $(INSTALL_TEST_POLICIES)
tests/install_filters.c: $(INSTALL_TEST_POLICIES) seccomp-gen$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) tests && \
	./seccomp-gen$(EXEEXT) --denylist -o $@ $(addprefix $(srcdir)/,$(INSTALL_TEST_POLICIES))
tests/install_filters.h: $(INSTALL_TEST_POLICIES) seccomp-gen$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) tests && \
	./seccomp-gen$(EXEEXT) --denylist -f header -o $@ $(addprefix $(srcdir)/,$(INSTALL_TEST_POLICIES))
CLEANFILES += tests/install_filters.c tests/install_filters.h
check_PROGRAMS += tests/test-install
tests_test_install_SOURCES = tests/test-install.c tests/install-order.c
nodist_tests_test_install_SOURCES = tests/install_filters.c tests/install_filters.h
tests_test_install_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/include
tests_test_install_CFLAGS = $(AM_CFLAGS) -pthread
tests_test_install_LDFLAGS = $(AM_LDFLAGS) -pthread
tests_test_install_LDADD = $(TEST_LIBS)
tests/test_install-test-install.$(OBJEXT) tests/test_install-install-order.$(OBJEXT): \
	tests/install_filters.h
TESTS += tests/test-install

# The header alone, under strict compilers, in C and C++.
TESTS += tests/install-header.sh
EXTRA_DIST += tests/install-header.sh

# Every generated form and install.h under consumers' strictest warnings
# (issue 26), the instructions in .rodata.
TESTS += tests/consumer-warnings.sh
EXTRA_DIST += tests/consumer-warnings.sh

# -MD, -MF, -MT, -MQ, -MP.
TESTS += tests/depfile.sh
EXTRA_DIST += tests/depfile.sh

# The man pages, linted.
TESTS += tests/man.sh
EXTRA_DIST += tests/man.sh

# SECCOMP_GEN_INIT picks the arch of the host, also in cross builds.
TESTS += tests/m4-arch.sh
EXTRA_DIST += tests/m4-arch.sh

# Directories of test data beside a script of the same name: without a
# rule of their own, GNU make's built-in rule (FILE from FILE.sh) remakes
# them in the build tree whenever the script is newer, and `make dist`
# then ships a copy of the script in place of the directory.
tests/diagnostics tests/seccompiler tests/multiarch: ;

# A project that uses only what `make install` put in a prefix.
TESTS += tests/consumer.sh
EXTRA_DIST += tests/consumer.sh tests/consumer-lib.sh tests/consumer/configure.ac tests/consumer/Makefile.am \
	tests/consumer/app.c tests/consumer/main.policy tests/consumer/worker.policy \
	tests/consumer/common.policy

# More inputs and targets (issue 7): seccompiler JSON filters, minijail's
# constants.json (--arch-json), multi-arch programs.
TESTS += tests/seccompiler.sh tests/json-diagnostics.sh tests/multiarch.sh tests/multiarch-kernel.sh
EXTRA_DIST += tests/seccompiler.sh tests/json-diagnostics.sh tests/multiarch.sh tests/multiarch-kernel.sh \
	tests/seccompiler tests/arch-json tests/multiarch
check_PROGRAMS += tests/test-arch-json tests/test-multiarch tests/test-inputs-kernel
tests_test_arch_json_LDADD = $(TEST_LIBS)
tests_test_multiarch_LDADD = $(TEST_LIBS)
tests_test_inputs_kernel_LDADD = $(TEST_LIBS)
TESTS += tests/test-arch-json tests/test-multiarch tests/test-inputs-kernel
TESTS += tests/inputs-cli.sh
EXTRA_DIST += tests/inputs-cli.sh

check_PROGRAMS += tests/sg-kernel-load
tests_sg_kernel_load_LDADD = $(TEST_LIBS)
TESTS += tests/limits.sh
EXTRA_DIST += tests/limits.sh

# Argument checks as a search (issue 16).
check_PROGRAMS += tests/test-argsearch
tests_test_argsearch_LDADD = $(TEST_LIBS)
TESTS += tests/test-argsearch

# compile_seccomp_policy: minijail's command line (issue 14).
TESTS += tests/compile-seccomp-policy.sh
EXTRA_DIST += tests/compile-seccomp-policy.sh
TESTS += tests/syscall-groups.sh
EXTRA_DIST += tests/syscall-groups.sh

# Firecracker's --seccomp-filter files (issue 14): fc-decode reads them
# from the published layouts, independently of the writer.
check_PROGRAMS += tests/fc-decode
tests_fc_decode_SOURCES = tests/fc-decode.c
check_PROGRAMS += tests/test-firecracker
tests_test_firecracker_LDADD = $(TEST_LIBS)
TESTS += tests/test-firecracker tests/firecracker.sh
EXTRA_DIST += tests/firecracker.sh

# ... and Firecracker's own crates judge them (issue 23): fc-oracle is
# built with cargo in tests/firecracker/oracle-build, on the first run.
check_PROGRAMS += tests/firecracker/fc-maps
tests_firecracker_fc_maps_SOURCES = tests/firecracker/maps.c
tests_firecracker_fc_maps_LDADD = $(TEST_LIBS)
TESTS += tests/firecracker-oracle.sh
EXTRA_DIST += tests/firecracker-oracle.sh tests/firecracker/oracle.sh tests/firecracker/oracle/main.rs
clean-local: clean-fc-oracle
clean-fc-oracle:
	rm -rf tests/firecracker/oracle-build
.PHONY: clean-fc-oracle

# Every build a user has (issue 14): one test for each failure a new user
# met, and the consumer projects of the other build systems.
TESTS += tests/remake-on-change.sh tests/aclocal-system.sh tests/table-names.sh tests/version.sh \
	tests/install-deps-script.sh tests/readme-snippets.sh
EXTRA_DIST += tests/remake-on-change.sh tests/aclocal-system.sh tests/table-names.sh tests/version.sh \
	tests/install-deps-script.sh tests/readme-snippets.sh
CLEANFILES += tests/install.lock
TESTS += tests/consumer-cmake.sh tests/consumer-meson.sh
EXTRA_DIST += tests/consumer-cmake.sh tests/consumer-meson.sh tests/consumer/CMakeLists.txt \
	tests/consumer/meson.build tests/consumer/meson_options.txt

# The layout: no file includes a header of a folder above its own.
TESTS += tests/layers.sh
EXTRA_DIST += tests/layers.sh

# Docker/OCI profiles (issue 27).  oci-check: a profile compiled by
# libseccomp as crun compiles it (tests/scmp-load.c), against the policy.
check_PROGRAMS += tests/oci-check
tests_oci_check_SOURCES = tests/oci-check.c tests/scmp-load.c tests/scmp-load.h
tests_oci_check_LDADD = $(TEST_LIBS)
if HAVE_LIBSECCOMP
tests_oci_check_CPPFLAGS = $(AM_CPPFLAGS) -DHAVE_LIBSECCOMP
tests_oci_check_LDADD += -lseccomp
endif
TESTS += tests/oci-write.sh
EXTRA_DIST += tests/oci-write.sh tests/oci
# crun, a busybox container and the three ways of giving it a filter.
TESTS += tests/oci-crun.sh
EXTRA_DIST += tests/oci-crun.sh

# Container profiles (issue 27): the reader's diagnostics, and round trips
# policy -> -f oci -> the reader against the policy's meaning.
TESTS += tests/oci-diagnostics.sh
check_PROGRAMS += tests/test-oci-roundtrip
tests_test_oci_roundtrip_LDADD = $(TEST_LIBS)
TESTS += tests/test-oci-roundtrip
EXTRA_DIST += tests/oci-diagnostics.sh

# Container profiles (issue 27): the differential oracle against
# libseccomp, built as the engine and crun build it.
if HAVE_LIBSECCOMP
check_PROGRAMS += tests/test-oci-oracle
tests_test_oci_oracle_SOURCES = tests/test-oci-oracle.c tests/oci-libseccomp.c tests/oci-libseccomp.h
tests_test_oci_oracle_LDADD = $(TEST_LIBS) -lseccomp
TESTS += tests/test-oci-oracle
endif
# More generated profiles than the suite runs (100,000: about 2 minutes).
check-oci-long: tests/test-oci-oracle$(EXEEXT)
	SG_OCI_PROFILES=100000 SG_SHARED="$${SG_SHARED:-$(abs_top_srcdir)/../shared}" ./tests/test-oci-oracle$(EXEEXT)
.PHONY: check-oci-long
