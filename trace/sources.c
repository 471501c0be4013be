/* Sources other than a run: not yet read (strace and audit logs, earlier
 * outputs); the command line offers none of them. */
#include "trace/trace.h"

int tr_from_strace(struct sg_arena *a, struct tr_recorder *rec, const char *path, const struct sg_arch *arch)
{
	(void)a, (void)rec, (void)path, (void)arch;
	return 1;
}

int tr_from_audit(struct sg_arena *a, struct tr_recorder *rec, const char *path)
{
	(void)a, (void)rec, (void)path;
	return 1;
}

int tr_merge(struct sg_arena *a, struct tr_recorder *rec, const char *path, const struct sg_arch *arch)
{
	(void)a, (void)rec, (void)path, (void)arch;
	return 1;
}
