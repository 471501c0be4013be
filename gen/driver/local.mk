# The driver: command lines in, the stages run in order.  One compilation
# (compile.c), the inputs in any of their languages (inputs.c), the
# helpers the three programs share (cli.c), and two of the programs.
libseccompgen_a_SOURCES += \
	gen/driver/compile.c gen/driver/compile.h \
	gen/driver/inputs.c gen/driver/inputs.h \
	gen/driver/cli.c gen/driver/cli.h

bin_PROGRAMS += seccomp-gen
seccomp_gen_SOURCES = gen/driver/main.c
seccomp_gen_LDADD = libseccompgen.a

# minijail's command line (issue 14): compile_seccomp_policy, for builds
# that call minijail's compiler (crosvm's jail/build.rs, ChromeOS).
bin_PROGRAMS += compile_seccomp_policy
compile_seccomp_policy_SOURCES = gen/driver/minijail_main.c
compile_seccomp_policy_LDADD = libseccompgen.a
