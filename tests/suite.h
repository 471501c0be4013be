/* Helpers shared by the C test programs: compiling a policy with the
 * library, and reading the directives of a decision-table file. */
#ifndef SG_TESTS_SUITE_H
#define SG_TESTS_SUITE_H

#include "gen/driver/compile.h"
#include "support/arena.h"
#include "support/source.h"
#include "tests/tap.h"

struct case_opts {
	struct sg_options opts;
	struct sg_include_map maps[4];
	char arches[520];  /* @arch words, "" for all */
	int want_error;    /* @error */
	char words[520];   /* storage for the @options words */
};

/* Reads @arch, @options and @error from an .expect file.  0 or -1. */
int read_case_directives(const char *path, struct case_opts *c);

/* True if the @arch list names arch (or is empty). */
int case_runs_on(const struct case_opts *c, const struct sg_arch *arch);

struct dirent;

/* scandir() helpers: names ending in .policy or .expect, in strcmp order. */
int is_policy(const struct dirent *d);
int is_expect(const struct dirent *d);
int by_name(const struct dirent **a, const struct dirent **b);

/* The kernel's seccomp action cache (Linux 5.11+, kernel/seccomp.c:
 * seccomp_cache_prepare() and seccomp_is_const_allow()) restated: 1 if
 * the emulation with only nr and arch known reaches RET ALLOW for nr. */
int cache_const_allow(const struct sg_program *p, uint32_t nr);

/* Compiles a crosvm policy the way crosvm's build does: --default-action
 * trap, and includes of /usr/share/policy/crosvm read from dir (no map
 * when dir is NULL).  Messages go to msgs; the result lives in a.
 * Returns 0, or -1 when the policy does not compile. */
int compile_crosvm(struct sg_arena *a, FILE *msgs, const char *path, const char *dir,
		   const struct sg_arch *arch, struct sg_compiled *out);

/* A container profile's text compiled as seccomp-gen compiles the file,
 * for opts' target and container, as unit name; *top gets the JSON tree
 * (NULL when the text is not JSON), which the libseccomp side of a
 * comparison reads.  Messages go to msgs; the result lives in a.
 * Returns 0, or -1 when the profile does not compile. */
struct sg_json;
int compile_oci_text(struct sg_arena *a, FILE *msgs, const char *path, const char *text, size_t len,
		     const char *name, const struct sg_options *opts, struct sg_json **top, struct sg_compiled *out);

/* ir's program laid out as if each syscall's weight (@frequency) were
 * weight(syscall); the weights are restored.  Returns 0, or -1 after
 * reporting to diag. */
int program_with_weights(struct sg_arena *a, struct sg_diag *diag, struct sg_ir_program *ir,
			 uint64_t (*weight)(const struct sg_ir_syscall *s), struct sg_program *out);

/* The directory with the shared corpus, or NULL (tests then skip). */
const char *shared_corpus(void);

/* shared_corpus for a test: when there is none, reports the skip as one
 * result and returns NULL.  Inline here, not in suite.c, since each test
 * program keeps its own TAP count. */
__attribute__((unused))
static const char *shared_corpus_or_skip(void)
{
	const char *corpus = shared_corpus();
	if (!corpus)
		tap_skip("../shared/corpus/crosvm not found (set SG_SHARED)");
	return corpus;
}

#endif
