#define _GNU_SOURCE
#include "tests/oci-libseccomp.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench/scmp-arch.h"
#include "gen/ir/oci_lower.h"

static const struct sg_json *member(const struct sg_json *obj, const char *key)
{
	if (!obj || obj->kind != SG_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->u.object.n; i++)
		if (strcmp(obj->u.object.members[i].key, key) == 0)
			return obj->u.object.members[i].value;
	return NULL;
}

static size_t len(const struct sg_json *v)
{
	return v && v->kind == SG_JSON_ARRAY ? v->u.array.n : 0;
}

static const char *str(const struct sg_json *v)
{
	return v && v->kind == SG_JSON_STRING ? v->u.string.s : NULL;
}

static uint64_t num(const struct sg_json *v)
{
	return v && v->kind == SG_JSON_NUMBER ? v->u.number.num.mag : 0;
}

static int in_list(const struct sg_json *list, const char *s)
{
	for (size_t i = 0; s && i < len(list); i++)
		if (str(list->u.array.items[i]) && strcmp(str(list->u.array.items[i]), s) == 0)
			return 1;
	return 0;
}

/* moby's kernelGreaterEqualThan, for the kernel given (none: new). */
static int kernel_ge(const struct scmp_env *env, const char *v)
{
	unsigned maj = 0, min = 0;
	if (!v || !*v || sscanf(v, "%u.%u", &maj, &min) != 2)
		return 1;
	if (!env->has_kernel)
		return 1;
	return env->kernel_major > maj || (env->kernel_major == maj && env->kernel_minor >= min);
}

static int has_cap(const struct scmp_env *env, const char *name)
{
	int c = name ? sg_oci_cap_find(name) : -1;
	return c >= 0 && (env->caps >> c & 1);
}

/* setupSeccomp's filter loop, for the engine's arch name. */
static int applies(const struct sg_json *call, const char *arch, const struct scmp_env *env)
{
	const struct sg_json *x = member(call, "excludes"), *in = member(call, "includes");
	if (x && x->kind == SG_JSON_OBJECT) {
		if (in_list(member(x, "arches"), arch))
			return 0;
		const struct sg_json *caps = member(x, "caps");
		for (size_t i = 0; i < len(caps); i++)
			if (has_cap(env, str(caps->u.array.items[i])))
				return 0;
		const char *mk = str(member(x, "minKernel"));
		if (mk && *mk && kernel_ge(env, mk))
			return 0;
	}
	if (in && in->kind == SG_JSON_OBJECT) {
		const struct sg_json *arches = member(in, "arches");
		if (len(arches) && !in_list(arches, arch))
			return 0;
		const struct sg_json *caps = member(in, "caps");
		for (size_t i = 0; i < len(caps); i++)
			if (!has_cap(env, str(caps->u.array.items[i])))
				return 0;
		const char *mk = str(member(in, "minKernel"));
		if (mk && *mk && !kernel_ge(env, mk))
			return 0;
	}
	return 1;
}

/* crun's get_seccomp_action; errno_ret is EPERM unless given. */
static int action(const char *name, const struct sg_json *ret, uint32_t *out)
{
	uint32_t e = ret ? (uint32_t)num(ret) : EPERM;
	static const struct { const char *n; uint32_t a; } t[] = {
		{ "SCMP_ACT_ALLOW", SCMP_ACT_ALLOW }, { "SCMP_ACT_KILL", SCMP_ACT_KILL },
		{ "SCMP_ACT_TRAP", SCMP_ACT_TRAP }, { "SCMP_ACT_LOG", SCMP_ACT_LOG },
		{ "SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS }, { "SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD },
		{ "SCMP_ACT_NOTIFY", SCMP_ACT_NOTIFY },
	};
	if (!name)
		return -1;
	if (strcmp(name, "SCMP_ACT_ERRNO") == 0) {
		*out = SCMP_ACT_ERRNO(e);
		return 0;
	}
	if (strcmp(name, "SCMP_ACT_TRACE") == 0) {
		*out = SCMP_ACT_TRACE(e);
		return 0;
	}
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(name, t[i].n) == 0) {
			*out = t[i].a;
			return 0;
		}
	return -1;
}

static int op(const char *name, enum scmp_compare *out)
{
	static const struct { const char *n; enum scmp_compare o; } t[] = {
		{ "SCMP_CMP_NE", SCMP_CMP_NE }, { "SCMP_CMP_LT", SCMP_CMP_LT }, { "SCMP_CMP_LE", SCMP_CMP_LE },
		{ "SCMP_CMP_EQ", SCMP_CMP_EQ }, { "SCMP_CMP_GE", SCMP_CMP_GE }, { "SCMP_CMP_GT", SCMP_CMP_GT },
		{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
	};
	for (size_t i = 0; name && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(name, t[i].n) == 0) {
			*out = t[i].o;
			return 0;
		}
	return -1;
}

static int refuse(struct scmp_program *out, const char *what, const char *name, int rc)
{
	out->refused = 1;
	snprintf(out->why, sizeof(out->why), "%s %s: %s", what, name ? name : "", strerror(-rc));
	return -1;
}

/* crun's loop over one entry's names. */
static int add_call(scmp_filter_ctx ctx, const struct sg_json *call, uint32_t act,
		    const struct sg_arch *const *arches, size_t n, const struct sg_arch *only, struct scmp_program *out)
{
	const struct sg_json *names = member(call, "names"), *args = member(call, "args");
	const char *one = str(member(call, "name"));
	size_t nnames = one && *one ? 1 : len(names);
	for (size_t k = 0; k < nnames; k++) {
		const char *name = one && *one ? one : str(names->u.array.items[k]);
		/* crun: the host's number, or libseccomp's pseudo number for a
		 * syscall the host lacks; libseccomp translates it by name for
		 * each arch of the filter, so the host does not matter. */
		int nr = seccomp_syscall_resolve_name(name);
		/* What libseccomp cannot name, seccomp-gen may (newer names). */
		for (size_t a = 0; a < n && a < 5; a++) {
			const struct sg_named_value *sc = sg_oci_syscall(arches[a], name);
			if (sc && seccomp_syscall_resolve_name_arch(scmp_arch(arches[a]), name) == __NR_SCMP_ERROR &&
			    out->nunnamed[a] < SCMP_MAX_UNNAMED)
				out->unnamed[a][out->nunnamed[a]++] = (uint32_t)sc->value;
		}
		if (nr == __NR_SCMP_ERROR)
			continue; /* crun: "unknown seccomp syscall ignored" */
		/* Names the arch lacks: libseccomp knows them as pseudo numbers
		 * (-10000 and below); those above are x86's socketcall and ipc
		 * calls, which it multiplexes, and keeps. */
		int own = only ? seccomp_syscall_resolve_name_arch(scmp_arch(only), name) : 0;
		if (only && (own == __NR_SCMP_ERROR || own <= -10000))
			continue;
		int rc;
		if (!args || args->kind != SG_JSON_ARRAY) {
			rc = seccomp_rule_add(ctx, act, nr, 0);
			if (rc < 0)
				return refuse(out, "seccomp_rule_add", name, rc);
			continue;
		}
		struct scmp_arg_cmp cmp[6];
		unsigned count[6] = { 0 };
		int multiple = 0;
		size_t m = 0;
		for (; m < len(args) && m < 6; m++) {
			const struct sg_json *a = args->u.array.items[m];
			unsigned idx = (unsigned)num(member(a, "index"));
			if (idx >= 6)
				return refuse(out, "index", name, -EINVAL);
			if (++count[idx] > 1)
				multiple = 1;
			cmp[m].arg = idx;
			if (op(str(member(a, "op")), &cmp[m].op))
				return refuse(out, "operator", name, -EINVAL);
			cmp[m].datum_a = num(member(a, "value"));
			cmp[m].datum_b = num(member(a, "valueTwo"));
		}
		if (!multiple) {
			rc = seccomp_rule_add_array(ctx, act, nr, (unsigned)m, cmp);
			if (rc < 0)
				return refuse(out, "seccomp_rule_add_array", name, rc);
		} else {
			for (size_t r = 0; r < m; r++) {
				rc = seccomp_rule_add_array(ctx, act, nr, 1, &cmp[r]);
				if (rc < 0)
					return refuse(out, "seccomp_rule_add_array", name, rc);
			}
		}
	}
	return 0;
}

static int export(scmp_filter_ctx ctx, struct scmp_program *out)
{
	int fd = memfd_create("scmp", MFD_CLOEXEC);
	if (fd < 0 || seccomp_export_bpf(ctx, fd) < 0) {
		if (fd >= 0)
			close(fd);
		return refuse(out, "seccomp_export_bpf", "", -EIO);
	}
	off_t size = lseek(fd, 0, SEEK_CUR);
	out->insns = malloc((size_t)size + 8);
	out->len = (size_t)size / 8;
	int ok = out->insns && pread(fd, out->insns, (size_t)size, 0) == size;
	close(fd);
	return ok ? 0 : refuse(out, "read", "", -EIO);
}

static int build(const struct sg_json *top, const struct sg_arch *const *arches, size_t n, const struct sg_arch *only,
		 const struct scmp_env *env, int optimize, struct scmp_program *out)
{
	memset(out, 0, sizeof(*out));
	uint32_t dflt;
	if (action(str(member(top, "defaultAction")), member(top, "defaultErrnoRet"), &dflt))
		return refuse(out, "defaultAction", "", -EINVAL);
	scmp_filter_ctx ctx = seccomp_init(dflt);
	if (!ctx)
		return refuse(out, "seccomp_init", "", -EINVAL);
	/* The native arch is the first; crun adds the others. */
	uint32_t native = scmp_arch(only ? only : arches[0]);
	int rc = 0;
	if (native != SCMP_ARCH_NATIVE && native != seccomp_arch_native()) {
		rc = seccomp_arch_add(ctx, native);
		if (rc == 0)
			rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	}
	for (size_t i = 1; i < n && rc == 0 && !only; i++)
		rc = seccomp_arch_add(ctx, scmp_arch(arches[i]));
	if (rc == 0 && optimize == 2)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc < 0) {
		seccomp_release(ctx);
		return refuse(out, "arch", "", rc);
	}
	const char *engine = sg_oci_engine_arch(arches[0]);
	const struct sg_json *calls = member(top, "syscalls");
	for (size_t i = 0; i < len(calls); i++) {
		const struct sg_json *call = calls->u.array.items[i];
		if (!applies(call, engine, env))
			continue;
		uint32_t act;
		if (action(str(member(call, "action")), member(call, "errnoRet"), &act)) {
			seccomp_release(ctx);
			return refuse(out, "action", "", -EINVAL);
		}
		if (act == dflt)
			continue; /* crun */
		if (add_call(ctx, call, act, arches, n, only, out)) {
			seccomp_release(ctx);
			return -1;
		}
	}
	rc = export(ctx, out);
	seccomp_release(ctx);
	return rc;
}

int scmp_build(const struct sg_json *top, const struct sg_arch *const *arches, size_t n,
	       const struct scmp_env *env, int optimize, struct scmp_program *out)
{
	return build(top, arches, n, NULL, env, optimize, out);
}

int scmp_build_one(const struct sg_json *top, const struct sg_arch *const *arches, size_t which,
		   const struct scmp_env *env, int optimize, struct scmp_program *out)
{
	return build(top, arches, which + 1, arches[which], env, optimize, out);
}

void scmp_program_free(struct scmp_program *p)
{
	free(p->insns);
	p->insns = NULL;
}
