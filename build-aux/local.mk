# What a consumer's build finds without help (issue 14).
#
# seccomp-gen.m4 is also installed into ACLOCAL_SYSTEM_DIR, the directory
# aclocal reads without -I or ACLOCAL_PATH (configure sets it for the
# default prefix, see configure.ac), unless that is the prefix's own
# aclocal directory already.  `make install ACLOCAL_SYSTEM_DIR=` or
# `./configure ACLOCAL_SYSTEM_DIR=` turns it off, as distcheck does: its
# installs must stay inside their prefix.
AM_DISTCHECK_CONFIGURE_FLAGS = ACLOCAL_SYSTEM_DIR=

install-data-local: install-aclocal-system
uninstall-local: uninstall-aclocal-system
install-aclocal-system:
	@if test -n '$(ACLOCAL_SYSTEM_DIR)' && test '$(ACLOCAL_SYSTEM_DIR)' != '$(aclocaldir)'; then \
		echo " $(MKDIR_P) '$(DESTDIR)$(ACLOCAL_SYSTEM_DIR)'"; \
		$(MKDIR_P) '$(DESTDIR)$(ACLOCAL_SYSTEM_DIR)' || exit 1; \
		echo " $(INSTALL_DATA) $(srcdir)/build-aux/seccomp-gen.m4 '$(DESTDIR)$(ACLOCAL_SYSTEM_DIR)'"; \
		$(INSTALL_DATA) $(srcdir)/build-aux/seccomp-gen.m4 '$(DESTDIR)$(ACLOCAL_SYSTEM_DIR)' || exit 1; \
	fi
uninstall-aclocal-system:
	@if test -n '$(ACLOCAL_SYSTEM_DIR)' && test '$(ACLOCAL_SYSTEM_DIR)' != '$(aclocaldir)'; then \
		echo " rm -f '$(DESTDIR)$(ACLOCAL_SYSTEM_DIR)/seccomp-gen.m4'"; \
		rm -f '$(DESTDIR)$(ACLOCAL_SYSTEM_DIR)/seccomp-gen.m4'; \
	fi
.PHONY: install-aclocal-system uninstall-aclocal-system

# find_package(SeccompGen) for CMake projects: SeccompGenConfig.cmake and
# its version file in $(libdir)/cmake/SeccompGen, where CMake looks under
# every prefix it searches (CMAKE_PREFIX_PATH, and the parent of each bin
# directory on PATH).  Written at install time from make's own directory
# variables, so that `make install prefix=/elsewhere` names /elsewhere.
cmakedir = $(libdir)/cmake/SeccompGen
CMAKE_PACKAGE_FILES = SeccompGenConfig.cmake SeccompGenConfigVersion.cmake
EXTRA_DIST += build-aux/SeccompGenConfig.cmake.in build-aux/SeccompGenConfigVersion.cmake.in
install-data-local: install-cmake-package
uninstall-local: uninstall-cmake-package
install-cmake-package:
	@$(MKDIR_P) '$(DESTDIR)$(cmakedir)' || exit 1; \
	for f in $(CMAKE_PACKAGE_FILES); do \
		echo " GEN      $(DESTDIR)$(cmakedir)/$$f"; \
		sed -e 's|@bindir[@]|$(bindir)|g' -e 's|@includedir[@]|$(includedir)|g' \
		    -e 's|@EXEEXT[@]|$(EXEEXT)|g' -e 's|@VERSION[@]|$(VERSION)|g' \
		    $(srcdir)/build-aux/$$f.in >'$(DESTDIR)$(cmakedir)/'$$f.tmp && \
		mv -f '$(DESTDIR)$(cmakedir)/'$$f.tmp '$(DESTDIR)$(cmakedir)/'$$f || exit 1; \
	done
uninstall-cmake-package:
	@for f in $(CMAKE_PACKAGE_FILES); do \
		echo " rm -f '$(DESTDIR)$(cmakedir)/$$f'"; rm -f '$(DESTDIR)$(cmakedir)/'$$f; \
	done
	-@rmdir '$(DESTDIR)$(cmakedir)' 2>/dev/null
.PHONY: install-cmake-package uninstall-cmake-package
