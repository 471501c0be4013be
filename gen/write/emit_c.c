/* The C writer: a static const array of BPF_STMT/BPF_JUMP per program, a
 * const struct sock_fprog over it (NAME_filter), and
 * with several programs a table from name to program.  Needs only
 * <linux/filter.h>.  The consumer compiles it with its own flags, so
 * every line must pass their strictest (tests/consumer-warnings.sh). */
#include <ctype.h>
#include <string.h>

#include "config.h"
#include "gen/backend/multiarch.h"
#include "gen/write/emit.h"
#include "support/arena.h"

/* Text safe inside a C comment: no end of comment, nothing unprintable. */
static void put_comment_text(FILE *out, const char *s, size_t len)
{
	if (len > 100)
		len = 100;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '*' && i + 1 < len && s[i + 1] == '/')
			fputs("* ", out);
		else if (c == '\t')
			fputc(' ', out);
		else
			fputc(c >= 0x20 && c < 0x7f ? c : '?', out);
	}
}

static const char *code_text(uint16_t code, char *buf, size_t size)
{
	static const char *const jmp[] = { "BPF_JA", "BPF_JEQ", "BPF_JGT", "BPF_JGE", "BPF_JSET" };
	switch (code) {
	case SG_BPF_LD | SG_BPF_W | SG_BPF_ABS: return "BPF_LD | BPF_W | BPF_ABS";
	case SG_BPF_RET | SG_BPF_K: return "BPF_RET | BPF_K";
	case SG_BPF_JMP | SG_BPF_JA: return "BPF_JMP | BPF_JA";
	case SG_BPF_ALU | SG_BPF_AND | SG_BPF_K: return "BPF_ALU | BPF_AND | BPF_K"; /* masked_eq */
	}
	if (SG_BPF_CLASS(code) == SG_BPF_JMP && SG_BPF_OP(code) >> 4 < 5)
		snprintf(buf, size, "BPF_JMP | %s | %s", jmp[SG_BPF_OP(code) >> 4],
			 SG_BPF_SRC(code) == SG_BPF_X ? "BPF_X" : "BPF_K");
	else
		snprintf(buf, size, "0x%02x", code);
	return buf;
}

static void write_insn(FILE *out, const struct sg_program *p, size_t pc)
{
	const struct sg_insn *i = &p->insns[pc];
	char cbuf[64], rbuf[32];
	const char *code = code_text(i->code, cbuf, sizeof(cbuf));
	int n;
	if (SG_BPF_CLASS(i->code) == SG_BPF_JMP && SG_BPF_OP(i->code) != SG_BPF_JA)
		n = fprintf(out, "\t/* %4zu */ BPF_JUMP(%s, 0x%x, %u, %u),", pc, code, i->k, i->jt, i->jf);
	else if (SG_BPF_CLASS(i->code) == SG_BPF_LD)
		n = fprintf(out, "\t/* %4zu */ BPF_STMT(%s, %u),", pc, code, i->k);
	else
		n = fprintf(out, "\t/* %4zu */ BPF_STMT(%s, 0x%x),", pc, code, i->k);
	char nbuf[128];
	const char *note = sg_note_text(&p->notes[pc], p->arch, nbuf, sizeof(nbuf));
	if (SG_BPF_CLASS(i->code) == SG_BPF_RET)
		note = sg_ret_name(i->k, rbuf, sizeof(rbuf));
	else if (SG_BPF_CLASS(i->code) == SG_BPF_JMP && SG_BPF_OP(i->code) == SG_BPF_JA)
		note = "jump further than 255";
	if (note) {
		fprintf(out, "%*s/* ", n < 72 ? 72 - n : 1, "");
		put_comment_text(out, note, strlen(note));
		fputs(" */", out);
	}
	fputc('\n', out);
}

/* A comment with the policy line an instruction came from, when it
 * changes. */
static void write_origin(FILE *out, struct sg_arena *a, const struct sg_loc *loc,
			 const struct sg_loc **last)
{
	if (!loc || !loc->src || (*last && (*last)->src == loc->src && (*last)->first_line == loc->first_line))
		return;
	*last = loc;
	size_t len;
	const char *line = sg_source_line((struct sg_source *)loc->src, a, loc->first_line, &len);
	fputs("\t/* ", out);
	put_comment_text(out, loc->src->path, strlen(loc->src->path));
	fprintf(out, ":%d: ", loc->first_line);
	if (line) {
		while (len && isspace((unsigned char)*line)) {
			line++;
			len--;
		}
		put_comment_text(out, line, len);
	}
	fputs(" */\n", out);
}

static void write_program(FILE *out, struct sg_arena *a, const struct sg_program *p)
{
	fprintf(out, "/* ");
	put_comment_text(out, p->policy_path, strlen(p->policy_path));
	fprintf(out, " for %s: %zu instructions. */\n", sg_program_arch_names(a, p), p->len);
	fprintf(out, "static const struct sock_filter %s_insns[%zu] = {\n", p->name, p->len);
	const struct sg_loc *last = NULL;
	for (size_t pc = 0; pc < p->len; pc++) {
		write_origin(out, a, p->notes[pc].loc, &last);
		write_insn(out, p, pc);
	}
	fprintf(out, "};\n\n");
	/* The declaration first, as the header's: -Wmissing-variable-
	 * declarations wants one, and the .c does not include the header.
	 *
	 * struct sock_fprog's filter member is not const (the kernel's
	 * <linux/filter.h>); the instructions are, so that they stay in
	 * .rodata.  A static initializer can only point the member at them
	 * through a cast that drops const, and -Wcast-qual reports it: the
	 * pragmas confine the exception to this one line, as bison's output
	 * does for its own.  Nothing writes through the pointer: the kernel
	 * copies the program and install.h takes a const struct sock_fprog *.
	 * NAME_filter stays a real object of the kernel's type, so code that
	 * declares or links against it (another language's FFI) keeps
	 * working. */
	fprintf(out, "extern const struct sock_fprog %s_filter;\n", p->name);
	fprintf(out, "#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Wcast-qual\"\n");
	fprintf(out, "const struct sock_fprog %s_filter = {\n", p->name);
	fprintf(out, "\t%zu,\n", p->len);
	fprintf(out, "\t(struct sock_filter *)%s_insns,\n", p->name);
	fprintf(out, "};\n#pragma GCC diagnostic pop\n");
}

static void write_preamble(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n)
{
	fprintf(out, "/* Generated by seccomp-gen %s for %s from", PACKAGE_VERSION, sg_program_arch_names(a, progs[0]));
	for (size_t i = 0; i < n; i++) {
		fputc(' ', out);
		put_comment_text(out, progs[i]->policy_path, strlen(progs[i]->policy_path));
	}
	fprintf(out, ".  Do not edit. */\n");
}

/* The table's entry type, defined once in a file that includes several
 * (two tables, install.h, the header and the .c in a unity build), in
 * either order.  The guard is SECCOMP_GEN_FILTER, the entry initializer
 * the .c's table uses: clang's -Wunused-macros reports a macro that a .c
 * defines and never uses.  Headers also define SECCOMP_GEN_FILTER_DEFINED,
 * the guard of older headers and of install.h, and look for it. */
static void write_table_type(FILE *out, int header)
{
	fputs("#ifndef SECCOMP_GEN_FILTER\n"
	      "/* One entry of a name-to-program table; the last has name NULL. */\n"
	      "#define SECCOMP_GEN_FILTER(name, prog) { (name), (prog) }\n"
	      "#ifndef SECCOMP_GEN_FILTER_DEFINED\n", out);
	if (header)
		fputs("#define SECCOMP_GEN_FILTER_DEFINED\n", out);
	fputs("struct seccomp_gen_filter {\n\tconst char *name;\n\tconst struct sock_fprog *prog;\n};\n"
	      "#endif\n#endif\n", out);
}

void sg_write_c(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n,
		const char *table)
{
	write_preamble(out, a, progs, n);
	fprintf(out, "#include <linux/filter.h>\n\n");
	for (size_t i = 0; i < n; i++) {
		write_program(out, a, progs[i]);
		fputc('\n', out);
	}
	if (!table)
		return;
	write_table_type(out, 0);
	fprintf(out, "\nextern const struct seccomp_gen_filter %s_filters[%zu];\n", table, n + 1);
	fprintf(out, "const struct seccomp_gen_filter %s_filters[%zu] = {\n", table, n + 1);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "\tSECCOMP_GEN_FILTER(\"%s\", &%s_filter),\n", progs[i]->name, progs[i]->name);
	fprintf(out, "\tSECCOMP_GEN_FILTER(0, 0),\n};\n");
}

void sg_write_header(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n,
		     const char *table)
{
	const char *base = table ? table : progs[0]->name;
	char *guard = sg_printf(a, "SECCOMP_GEN_%s_H", base);
	for (char *c = guard; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	write_preamble(out, a, progs, n);
	fprintf(out, "#ifndef %s\n#define %s\n\n#include <linux/filter.h>\n\n", guard, guard);
	fprintf(out, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "extern const struct sock_fprog %s_filter;\n", progs[i]->name);
	if (table) {
		fputc('\n', out);
		write_table_type(out, 1);
		fprintf(out, "\nextern const struct seccomp_gen_filter %s_filters[%zu];\n", table, n + 1);
	}
	fprintf(out, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
}

void sg_insn_bytes(const struct sg_program *p, size_t pc, unsigned char b[8])
{
	const struct sg_insn *i = &p->insns[pc];
	if (p->arch->big_endian) {
		b[0] = (unsigned char)(i->code >> 8);
		b[1] = (unsigned char)i->code;
		b[4] = (unsigned char)(i->k >> 24);
		b[5] = (unsigned char)(i->k >> 16);
		b[6] = (unsigned char)(i->k >> 8);
		b[7] = (unsigned char)i->k;
	} else {
		b[0] = (unsigned char)i->code;
		b[1] = (unsigned char)(i->code >> 8);
		b[4] = (unsigned char)i->k;
		b[5] = (unsigned char)(i->k >> 8);
		b[6] = (unsigned char)(i->k >> 16);
		b[7] = (unsigned char)(i->k >> 24);
	}
	b[2] = i->jt;
	b[3] = i->jf;
}

void sg_write_raw(FILE *out, const struct sg_program *p)
{
	/* minijail's .bpf: struct sock_filter records in the target's byte
	 * order. */
	for (size_t pc = 0; pc < p->len; pc++) {
		unsigned char b[8];
		sg_insn_bytes(p, pc, b);
		fwrite(b, 1, sizeof(b), out);
	}
}

void sg_write_dump(FILE *out, struct sg_arena *a, struct sg_program *const *progs, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct sg_program *p = progs[k];
		if (k)
			fputc('\n', out);
		fprintf(out, "; %s (%s) for %s: %zu instructions\n", p->name, p->policy_path, sg_program_arch_names(a, p),
			p->len);
		for (size_t pc = 0; pc < p->len; pc++) {
			char buf[96], rbuf[32];
			int w = fprintf(out, "%5zu: %s", pc, sg_disasm(&p->insns[pc], pc, buf, sizeof(buf)));
			const struct sg_note *note = &p->notes[pc];
			char nbuf[128];
			const char *text = sg_note_text(note, p->arch, nbuf, sizeof(nbuf));
			if (SG_BPF_CLASS(p->insns[pc].code) == SG_BPF_RET)
				text = sg_ret_name(p->insns[pc].k, rbuf, sizeof(rbuf));
			if (text || note->loc)
				fprintf(out, "%*s; %s", w < 40 ? 40 - w : 1, "", text ? text : "");
			if (note->loc && note->loc->src)
				fprintf(out, "%s%s:%d", text ? "  " : "", note->loc->src->path, note->loc->first_line);
			fputc('\n', out);
		}
	}
	(void)a;
}
