# The back end: tree -> IR -> BPF -> writers, and the command line.
libseccompgen_a_SOURCES += \
	gen/bpf.c gen/bpf.h \
	gen/ir.c gen/ir.h \
	gen/resolve.c gen/resolve.h \
	gen/dispatch.c gen/dispatch.h \
	gen/codegen.c gen/codegen.h gen/program.h \
	gen/optimize.c gen/optimize.h \
	gen/interp.c gen/interp.h \
	gen/disasm.c gen/emit.h gen/emit_c.c \
	gen/compile.c gen/compile.h \
	gen/output.c gen/output.h \
	gen/testfile.c gen/testfile.h

bin_PROGRAMS += seccomp-gen
seccomp_gen_SOURCES = gen/main.c
seccomp_gen_LDADD = libseccompgen.a
