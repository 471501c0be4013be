/* seccomp-gen-trace --format oci: the policy a run gives, as a container
 * profile.  The policy is written as usual to a temporary file, compiled
 * by seccomp-gen's library for the arches it names, and its decision IR
 * written by -f oci's writer, so that the profile means exactly what the
 * policy would: one policy, two places to enforce it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/driver/inputs.h"
#include "gen/write/emit.h"
#include "gen/write/output.h"
#include "support/arena.h"
#include "support/source.h"
#include "trace/trace.h"

/* The profile of the policy at path, or NULL after reporting. */
static const char *profile_of(struct sg_arena *a, const char *path, const struct sg_arch *const *w, size_t nw)
{
	struct sg_diag diag;
	sg_diag_init(&diag, stderr, a);
	struct sg_options opts = { .arch = w[0], .arches = nw > 1 ? w : NULL, .narches = nw > 1 ? nw : 0 };
	struct sg_unit *units = NULL;
	size_t n = 0, cap = 0;
	struct sg_compiled out;
	if (sg_load_units(a, &diag, path, SG_INPUT_POLICY, NULL, &opts, &units, &n, &cap) || n != 1 ||
	    sg_compile_unit(a, &diag, &units[0], "trace", &opts, &out))
		return NULL;
	struct sg_ir_program **irs = out.nirs ? out.irs : &out.ir;
	return sg_oci_profile(a, &diag, irs, out.nirs ? out.nirs : 1);
}

int tr_write_profile(struct sg_arena *a, struct tr_recorder *rec, const struct tr_write_options *o)
{
	const char *dir = getenv("TMPDIR");
	char *path = sg_printf(a, "%s/seccomp-gen-trace.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		fprintf(stderr, "seccomp-gen-trace: error: cannot create a temporary file in %s: %s\n",
			dir && *dir ? dir : "/tmp", strerror(errno));
		return 1;
	}
	close(fd);
	struct tr_write_options po = *o;
	po.output = path;
	po.frequency = NULL;
	const struct sg_arch *w[16];
	size_t nw = tr_written_arches(rec, o, w);
	if (nw == 0)
		w[nw++] = sg_arch_host();
	const char *text = NULL;
	if (w[0] && tr_write_policy(a, rec, &po) == 0)
		text = profile_of(a, path, w, nw);
	unlink(path);
	if (!text)
		return 1;
	struct sg_output out;
	if (sg_output_open(&out, o->output, 0))
		return 1;
	fputs(text, out.fp);
	return sg_output_commit(&out) ? 1 : 0;
}
