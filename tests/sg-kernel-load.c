/* Loads a raw BPF file (seccomp-gen -f raw, host byte order) into the
 * kernel in a child process: exit 0 if the kernel accepts it, 1 if not,
 * 77 if this machine cannot load filters at all. */
#include <stdio.h>
#include <stdlib.h>

#include "grammar/load.h"
#include "support/arena.h"
#include "tests/kernel.h"

int main(int argc, char **argv)
{
	if (argc != 2 || !sg_arch_host()) {
		fprintf(stderr, "usage: sg-kernel-load FILE.bpf (on a supported host)\n");
		return 2;
	}
	if (kernel_unavailable())
		return 77;
	struct sg_arena *a = sg_arena_new();
	size_t len;
	unsigned char *raw = (unsigned char *)sg_read_file(a, argv[1], &len);
	if (!raw || len % 8) {
		fprintf(stderr, "sg-kernel-load: cannot read %s\n", argv[1]);
		return 2;
	}
	struct sg_insn *insns = sg_alloc_array(a, len / 8, sizeof(*insns));
	for (size_t i = 0; i < len / 8; i++) {
		const unsigned char *b = raw + 8 * i;
		insns[i] = (struct sg_insn){ (uint16_t)(b[0] | b[1] << 8), b[2], b[3],
					     (uint32_t)b[4] | (uint32_t)b[5] << 8 | (uint32_t)b[6] << 16 |
						     (uint32_t)b[7] << 24 };
	}
	struct sg_note *notes = sg_alloc_array(a, len / 8, sizeof(*notes));
	struct sg_program prog = { .name = "raw", .policy_path = argv[1], .arch = sg_arch_host(), .insns = insns,
				   .notes = notes, .len = len / 8 };
	int rc = kernel_load(&prog);
	sg_arena_free(a);
	return rc == 0 ? 0 : 1;
}
