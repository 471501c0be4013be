# What `make install` gives a project that embeds seccomp-gen's output:
# the header that installs a generated program, a pkg-config file naming
# the program and the header's flags, the autoconf macro that finds them,
# and the make rules for .policy files.

seccompgenincludedir = $(includedir)/seccomp-gen
seccompgeninclude_HEADERS = include/seccomp-gen/install.h

aclocaldir = $(datadir)/aclocal
dist_aclocal_DATA = build-aux/seccomp-gen.m4
dist_pkgdata_DATA = build-aux/seccomp-gen.mk

# Nothing in the file depends on the machine, so it goes with the
# arch-independent files: a cross build's pkg-config finds it too.
pkgconfigdir = $(datadir)/pkgconfig
pkgconfig_DATA = seccomp-gen.pc
EXTRA_DIST += build-aux/seccomp-gen.pc.in
CLEANFILES += seccomp-gen.pc

# Made from make's own directory variables at every run, not by
# config.status from configure's, so that `make install prefix=/elsewhere`
# installs a file that names /elsewhere.  It is only replaced when its
# text changes, so that it does not look new to anything that depends on it.
seccomp-gen.pc: $(srcdir)/build-aux/seccomp-gen.pc.in seccomp-gen-pc-force
	@sed -e 's|@prefix[@]|$(prefix)|g' -e 's|@exec_prefix[@]|$(exec_prefix)|g' \
	    -e 's|@bindir[@]|$(bindir)|g' -e 's|@includedir[@]|$(includedir)|g' \
	    -e 's|@datadir[@]|$(datadir)|g' -e 's|@pkgdatadir[@]|$(pkgdatadir)|g' \
	    -e 's|@aclocaldir[@]|$(aclocaldir)|g' -e 's|@EXEEXT[@]|$(EXEEXT)|g' \
	    -e 's|@VERSION[@]|$(VERSION)|g' $(srcdir)/build-aux/seccomp-gen.pc.in >$@.tmp && \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else echo "  GEN      $@"; mv -f $@.tmp $@; fi
seccomp-gen-pc-force:
.PHONY: seccomp-gen-pc-force
