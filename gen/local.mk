# The back end: tree -> IR -> BPF -> writers, and the command line.
libseccompgen_a_SOURCES += \
	gen/bpf.c gen/bpf.h \
	gen/ir.c gen/ir.h \
	gen/resolve.c gen/resolve.h \
	gen/dispatch.c gen/dispatch.h \
	gen/codegen.c gen/codegen.h gen/program.h \
	gen/argsearch.c gen/argsearch.h \
	gen/too_long.c gen/too_long.h \
	gen/optimize.c gen/optimize.h \
	gen/interp.c gen/interp.h \
	gen/ir_eval.c gen/ir_eval.h \
	gen/lint.c gen/lint.h \
	gen/lint_danger.c gen/lint_danger.h \
	gen/unreachable.c gen/unreachable.h \
	gen/validate.c gen/validate_inputs.c gen/validate.h \
	gen/disasm.c gen/emit.h gen/emit_c.c \
	gen/compile.c gen/compile.h \
	gen/output.c gen/output.h \
	gen/depfile.c gen/depfile.h \
	gen/testfile.c gen/testfile.h \
	gen/hints.c gen/hints.h

# More inputs and targets: the front-end dispatch and multi-arch programs.
libseccompgen_a_SOURCES += \
	gen/inputs.c gen/inputs.h \
	gen/oci_lower.c gen/oci_lower.h \
	gen/multiarch.c gen/multiarch.h

bin_PROGRAMS += seccomp-gen
seccomp_gen_SOURCES = gen/main.c
seccomp_gen_LDADD = libseccompgen.a

# minijail's command line (issue 14): compile_seccomp_policy, for builds
# that call minijail's compiler (crosvm's jail/build.rs, ChromeOS).
libseccompgen_a_SOURCES += gen/emit_minijail.c gen/emit_firecracker.c
bin_PROGRAMS += compile_seccomp_policy
compile_seccomp_policy_SOURCES = gen/minijail_main.c
compile_seccomp_policy_LDADD = libseccompgen.a

# Command-line helpers shared by the three programs.
libseccompgen_a_SOURCES += gen/cli.c gen/cli.h
