# The target machine: classic BPF as seccomp uses it, and the interpreter
# that runs such programs without a kernel.
libseccompgen_a_SOURCES += \
	gen/bpf/bpf.c gen/bpf/bpf.h \
	gen/bpf/interp.c gen/bpf/interp.h
