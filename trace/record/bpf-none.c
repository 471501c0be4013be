/* A build without the eBPF recorder (configure found no libbpf, clang or
 * bpftool, or the host is not x86_64): --recorder=auto runs ptrace and
 * says why, --recorder=bpf fails and says why. */
#include "support/arena.h"
#include "config.h"
#include "trace/trace.h"

const char *const tr_bpf_missing = SG_BPF_MISSING;

int tr_bpf_open(struct sg_arena *a, struct tr_recorder *rec, struct tr_bpf **out, const char **why)
{
	*out = NULL;
	*why = sg_printf(a, "this seccomp-gen-trace was built without it (%s)", tr_bpf_missing);
	return -1;
}

int tr_bpf_run(struct tr_bpf *b, char **argv, struct tr_recorder *rec, int *status)
{
	return 1;
}

void tr_bpf_close(struct tr_bpf *b)
{
}

double tr_bpf_load_ms(const struct tr_bpf *b)
{
	return 0;
}
