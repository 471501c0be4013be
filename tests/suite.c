#include "tests/suite.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen/backend/codegen.h"
#include "gen/backend/dispatch.h"
#include "gen/driver/inputs.h"
#include "gen/ir/oci_lower.h"
#include "grammar/json.h"
#include "grammar/oci.h"

static void parse_options(struct case_opts *c, char *words)
{
	for (char *w = strtok(words, " \t"); w; w = strtok(NULL, " \t")) {
		if (strcmp(w, "--default-action") == 0)
			c->opts.default_action = strtok(NULL, " \t");
		else if (strcmp(w, "--use-kill-process") == 0)
			c->opts.use_kill_process = 1;
		else if (strcmp(w, "--denylist") == 0)
			c->opts.denylist = 1;
		else if (strcmp(w, "--include-map") == 0 && c->opts.nmaps < 4) {
			char *m = strtok(NULL, " \t"), *eq = m ? strchr(m, '=') : NULL;
			if (eq) {
				*eq = '\0';
				c->maps[c->opts.nmaps++] = (struct sg_include_map){ m, eq + 1 };
			}
		}
	}
	c->opts.maps = c->maps;
}

int read_case_directives(const char *path, struct case_opts *c)
{
	memset(c, 0, sizeof(*c));
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "@arch", 5) == 0)
			snprintf(c->arches, sizeof(c->arches), " %s ", line + 5);
		else if (strncmp(line, "@error", 6) == 0)
			c->want_error = 1;
		else if (strncmp(line, "@options", 8) == 0) {
			snprintf(c->words, sizeof(c->words), "%s", line + 8);
			parse_options(c, c->words);
		}
	}
	fclose(f);
	return 0;
}

int case_runs_on(const struct case_opts *c, const struct sg_arch *arch)
{
	if (!c->arches[0])
		return 1;
	char key[32];
	snprintf(key, sizeof(key), " %s ", arch->name);
	for (char *p = (char *)c->arches; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return strstr(c->arches, key) != NULL;
}

const char *shared_corpus(void)
{
	static char path[4096];
	const char *shared = getenv("SG_SHARED");
	struct stat st;
	if (!shared)
		return NULL;
	snprintf(path, sizeof(path), "%s/corpus/crosvm", shared);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? path : NULL;
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);
	return n > k && strcmp(name + n - k, suffix) == 0;
}

int is_policy(const struct dirent *d)
{
	return has_suffix(d->d_name, ".policy");
}

int is_expect(const struct dirent *d)
{
	return has_suffix(d->d_name, ".expect");
}

int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* The kernel's emulation, restated: 1 if nr is a constant allow. */
int cache_const_allow(const struct sg_program *p, uint32_t nr)
{
	uint32_t a = 0;
	for (size_t pc = 0; pc < p->len; pc++) {
		const struct sg_insn *i = &p->insns[pc];
		switch (i->code) {
		case SG_BPF_LD | SG_BPF_W | SG_BPF_ABS:
			if (i->k == SG_OFF_NR)
				a = nr;
			else if (i->k == SG_OFF_ARCH)
				a = p->arch->audit_arch;
			else
				return 0;
			break;
		case SG_BPF_RET | SG_BPF_K:
			return i->k == SG_RET_ALLOW;
		case SG_BPF_JMP | SG_BPF_JA:
			pc += i->k;
			break;
		case SG_BPF_JMP | SG_BPF_JEQ | SG_BPF_K:
			pc += a == i->k ? i->jt : i->jf;
			break;
		case SG_BPF_JMP | SG_BPF_JGE | SG_BPF_K:
			pc += a >= i->k ? i->jt : i->jf;
			break;
		case SG_BPF_JMP | SG_BPF_JGT | SG_BPF_K:
			pc += a > i->k ? i->jt : i->jf;
			break;
		case SG_BPF_JMP | SG_BPF_JSET | SG_BPF_K:
			pc += (a & i->k) ? i->jt : i->jf;
			break;
		case SG_BPF_ALU | SG_BPF_AND | SG_BPF_K:
			a &= i->k;
			break;
		default:
			return 0;
		}
	}
	return 0;
}

int compile_crosvm(struct sg_arena *a, FILE *msgs, const char *path, const char *dir,
		   const struct sg_arch *arch, struct sg_compiled *out)
{
	struct sg_include_map map = { "/usr/share/policy/crosvm", dir };
	struct sg_options opts = { .arch = arch, .default_action = "trap", .maps = &map, .nmaps = dir ? 1 : 0 };
	struct sg_diag diag;
	sg_diag_init(&diag, msgs, a);
	return sg_compile_file(a, &diag, path, "p", &opts, out) ? -1 : 0;
}

int compile_oci_text(struct sg_arena *a, FILE *msgs, const char *path, const char *text, size_t len,
		     const char *name, const struct sg_options *opts, struct sg_json **top, struct sg_compiled *out)
{
	struct sg_diag diag;
	sg_diag_init(&diag, msgs, a);
	struct sg_source *src = sg_alloc(a, sizeof(*src));
	memset(src, 0, sizeof(*src));
	src->path = path;
	src->text = text;
	src->len = len;
	*top = sg_json_parse(a, &diag, src);
	struct sg_oci_profile *p = *top ? sg_oci_read(a, &diag, *top, src) : NULL;
	if (!p || sg_oci_check_names(&diag, p))
		return -1;
	struct sg_unit u;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.path = path;
	u.oci = p;
	return sg_compile_unit(a, &diag, &u, name, opts, out);
}

int program_with_weights(struct sg_arena *a, struct sg_diag *diag, struct sg_ir_program *ir,
			 uint64_t (*weight)(const struct sg_ir_syscall *s), struct sg_program *out)
{
	uint64_t *saved = calloc(ir->nsyscalls + 1, sizeof(*saved));
	if (!saved)
		abort();
	for (size_t s = 0; s < ir->nsyscalls; s++) {
		saved[s] = ir->syscalls[s].weight;
		ir->syscalls[s].weight = weight(&ir->syscalls[s]);
	}
	memset(out, 0, sizeof(*out));
	int rc = sg_codegen(a, diag, ir, sg_dispatch_build(a, ir), out) ? -1 : 0;
	for (size_t s = 0; s < ir->nsyscalls; s++)
		ir->syscalls[s].weight = saved[s];
	free(saved);
	return rc;
}
