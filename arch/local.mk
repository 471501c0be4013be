# The per-architecture tables.  The committed text tables (made offline by
# arch/gen-tables.sh) become arch/tables.c in the build directory; the build
# never looks at the build machine's kernel headers.
libseccompgen_a_SOURCES += arch/arch.h arch/arch.c
nodist_libseccompgen_a_SOURCES += arch/tables.c
BUILT_SOURCES += arch/tables.c
CLEANFILES += arch/tables.c

# In sg_arches[] order.
ARCH_TBL = \
	$(srcdir)/arch/x86_64/arch.tbl \
	$(srcdir)/arch/x86_64/syscalls.tbl \
	$(srcdir)/arch/x86_64/constants.tbl \
	$(srcdir)/arch/i386/arch.tbl \
	$(srcdir)/arch/i386/syscalls.tbl \
	$(srcdir)/arch/i386/constants.tbl \
	$(srcdir)/arch/aarch64/arch.tbl \
	$(srcdir)/arch/aarch64/syscalls.tbl \
	$(srcdir)/arch/aarch64/constants.tbl \
	$(srcdir)/arch/arm/arch.tbl \
	$(srcdir)/arch/arm/syscalls.tbl \
	$(srcdir)/arch/arm/constants.tbl \
	$(srcdir)/arch/riscv64/arch.tbl \
	$(srcdir)/arch/riscv64/syscalls.tbl \
	$(srcdir)/arch/riscv64/constants.tbl

EXTRA_DIST += \
	arch/gen-tables.sh arch/tbl2c.awk \
	arch/x86_64/arch.tbl arch/x86_64/syscalls.tbl arch/x86_64/constants.tbl \
	arch/i386/arch.tbl arch/i386/syscalls.tbl arch/i386/constants.tbl \
	arch/aarch64/arch.tbl arch/aarch64/syscalls.tbl arch/aarch64/constants.tbl \
	arch/arm/arch.tbl arch/arm/syscalls.tbl arch/arm/constants.tbl \
	arch/riscv64/arch.tbl arch/riscv64/syscalls.tbl arch/riscv64/constants.tbl

# LC_ALL=C: the sortedness check must be byte order (strcmp order).  The
# temp file keeps a failed run from leaving a half-written tables.c behind.
arch/tables.c: $(srcdir)/arch/tbl2c.awk $(ARCH_TBL)
	$(AM_V_GEN)$(MKDIR_P) arch && \
	LC_ALL=C $(AWK) -f $(srcdir)/arch/tbl2c.awk $(ARCH_TBL) >arch/tables.c.tmp && \
	mv -f arch/tables.c.tmp arch/tables.c
CLEANFILES += arch/tables.c.tmp

# A target read at run time from minijail's constants.json (--arch-json).
libseccompgen_a_SOURCES += arch/arch_json.c arch/arch_json.h
