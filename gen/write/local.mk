# The writers: a checked BPF program in, files out (C, header, raw BPF,
# listing, minijail's header, Firecracker's files, make's dependency
# files), each written whole or not at all.
libseccompgen_a_SOURCES += \
	gen/write/emit.h gen/write/emit_c.c gen/write/disasm.c \
	gen/write/emit_minijail.c gen/write/emit_firecracker.c \
	gen/write/output.c gen/write/output.h \
	gen/write/depfile.c gen/write/depfile.h

# Docker/OCI seccomp profiles (issue 27): from the decision IR, not the
# program, since a profile is rules for libseccomp to compile.
libseccompgen_a_SOURCES += gen/write/emit_oci.c gen/write/scmp_rules.c gen/write/scmp_rules.h
