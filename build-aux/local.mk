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
