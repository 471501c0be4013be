# Recording: a command run under a recorder (eBPF or ptrace) in, calls
# counted per (arch, number) and argument value out.
seccomp_gen_trace_SOURCES += \
	trace/record/command.c trace/record/ptrace.c trace/record/record.c trace/record/names.c \
	trace/record/values.c trace/record/argfilter.c

# The eBPF recorder: the program in the kernel is compiled for the BPF
# target against the type definitions kept in bpf-kernel.h (CO-RE: libbpf
# relocates each access against the running kernel's BTF when it loads),
# and linked into the tracer as the skeleton bpftool generates from it.
EXTRA_DIST += trace/record/recorder.bpf.c trace/record/bpf-kernel.h trace/record/bpf-shared.h
if HAVE_BPF_RECORDER
seccomp_gen_trace_SOURCES += trace/record/bpf.c trace/record/bpf-shared.h
nodist_seccomp_gen_trace_SOURCES = trace/record/recorder.skel.h
seccomp_gen_trace_LDADD += $(LIBBPF_LIBS)
BUILT_SOURCES += trace/record/recorder.skel.h
trace/record/bpf.$(OBJEXT): trace/record/recorder.skel.h
CLEANFILES += trace/record/recorder.bpf.o trace/record/recorder.skel.h
trace/record/recorder.bpf.o: trace/record/recorder.bpf.c trace/record/bpf-kernel.h trace/record/bpf-shared.h
	$(AM_V_GEN)$(MKDIR_P) trace/record && \
	$(BPF_CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -I$(srcdir) $(LIBBPF_CFLAGS) \
		-Wall -Wextra -Wno-unused-parameter -Werror -c $(srcdir)/trace/record/recorder.bpf.c -o $@
trace/record/recorder.skel.h: trace/record/recorder.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton trace/record/recorder.bpf.o name tr_bpf_prog >$@.tmp && mv $@.tmp $@
else
seccomp_gen_trace_SOURCES += trace/record/bpf-none.c
endif
