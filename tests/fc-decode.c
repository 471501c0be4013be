/* fc-decode: reads a Firecracker --seccomp-filter file, sharing no code
 * with seccomp-gen's writer (gen/write/emit_firecracker.c).  It is not the
 * judge: it was first written from the same misreading of bitcode's
 * lengths as the writer (issue 23), and both were wrong together.  The
 * judge is bitcode 0.6.9 itself, Firecracker's crate
 * (tests/firecracker-oracle.sh), which also checks that fc-decode reads
 * every file it reads, to the same programs.  fc-decode stays for the
 * checks that need a reader where no Rust toolchain is.
 *
 *   fc-decode [--bincode] FILE [DIR]
 *
 * prints one line per entry of the map, "KEY N" and the N instructions as
 * 16-digit hex u64s, and with DIR writes each program to DIR/KEY.bpf as
 * raw little-endian struct sock_filter records (what seccomp-gen -f raw
 * writes).  Exit 1 on a malformed file, with the reason.
 *
 *   fc-decode --list LIST
 *
 * reads every file of a list that fc-oracle reads (tests/firecracker/
 * oracle/main.rs) and says which do not decode to their listed programs
 * (the first 20), and how many.
 *
 * The layouts.  Firecracker reads the file as HashMap<String, Vec<u64>>,
 * each u64 the little-endian bytes of one struct sock_filter, from at most
 * 100,000 bytes.
 *
 * bincode 1, fixed-width integers, little endian (Firecracker up to
 * v1.14): u64 entry count; per entry u64 key length, the key's bytes,
 * u64 program length, the u64s.
 *
 * bitcode 0.6, serde (Firecracker from v1.15): the value is split by type
 * into columns, each written whole, in the order serde first reaches that
 * type: (1) the lengths of the map (one: the entry count), (2) the keys:
 * their lengths, then all their bytes, (3) the lengths of the programs,
 * (4) all instructions of all programs, if there is one.
 *  - A column of lengths: one byte per length (255 for 255 and up), packed
 *    as a column of bytes, then the lengths of 255 and up, in order, as a
 *    column of u64s (none: nothing).
 *  - A column of bytes: with one or two entries, the bytes themselves.
 *    Else a header byte H: packing P = ceil(H / 2), and an odd H means a
 *    minimum byte follows, to be added back to every value.  P 0: the
 *    bytes as they are; 1 to 5: values below 16, 6, 4, 3, 2, with 2, 3,
 *    4, 5, 8 of them to a byte, the first the least significant digit.
 *  - A column of u64s, of one value or more: a header byte H,
 *    width W = ceil(H / 2) (0: 8 bytes, 1: 4, 2: 2, 3: one byte each as a
 *    column of bytes, with its own header); odd H means a u64 minimum
 *    follows, to be added back.  All little endian. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FC_LIMIT 100000

struct reader {
	const unsigned char *p, *end;
	const char *why;
};

struct fc_entry {
	char *key;
	uint64_t *insns;
	size_t n;
};

static int fail(struct reader *r, const char *why)
{
	if (!r->why)
		r->why = why;
	return -1;
}

static int take(struct reader *r, size_t n, const unsigned char **out)
{
	if ((size_t)(r->end - r->p) < n)
		return fail(r, "the file ends early");
	*out = r->p;
	r->p += n;
	return 0;
}

static uint64_t le(const unsigned char *b, unsigned width)
{
	uint64_t v = 0;
	for (unsigned i = width; i-- > 0;)
		v = v << 8 | b[i];
	return v;
}

static int read_u64(struct reader *r, uint64_t *v)
{
	const unsigned char *b;
	if (take(r, 8, &b))
		return -1;
	*v = le(b, 8);
	return 0;
}

/* A count of things that each take at least one byte of what is left (or
 * a bit, for packed bytes): a larger one is a malformed file, not a
 * reason to allocate. */
static int plausible(struct reader *r, uint64_t n, unsigned per_byte)
{
	if (n / per_byte > (uint64_t)(r->end - r->p) + 1)
		return fail(r, "a length larger than the file");
	return 0;
}

static int bytes_column(struct reader *r, size_t n, unsigned char *out)
{
	static const unsigned states[] = { 256, 16, 6, 4, 3, 2 };
	static const unsigned digits[] = { 1, 2, 3, 4, 5, 8 };
	const unsigned char *b, *h, *m;
	if (n <= 2) {
		if (take(r, n, &b))
			return -1;
		memcpy(out, b, n);
		return 0;
	}
	if (take(r, 1, &h))
		return -1;
	unsigned p = (h[0] + 1u) / 2, offset = h[0] & 1, min = 0;
	if (p > 5)
		return fail(r, "a byte column with an unknown packing");
	if (offset) {
		if (take(r, 1, &m))
			return -1;
		min = m[0];
	}
	size_t packed = (n + digits[p] - 1) / digits[p];
	if (take(r, packed, &b))
		return -1;
	/* Strict: a packed byte holds its digits and nothing above them (the
	 * last one only the digits that are left). */
	for (size_t i = 0; i < packed && p; i++) {
		size_t held = n - i * digits[p] < digits[p] ? n - i * digits[p] : digits[p];
		unsigned limit = 1;
		for (size_t k = 0; k < held; k++)
			limit *= states[p];
		if (b[i] >= limit)
			return fail(r, "a packed byte out of range");
	}
	for (size_t i = 0; i < n; i++) {
		unsigned v = b[i / digits[p]];
		for (size_t k = 0; k < i % digits[p]; k++)
			v /= states[p];
		out[i] = (unsigned char)(v % states[p] + min);
	}
	return 0;
}

static int u64_column(struct reader *r, size_t n, uint64_t *out)
{
	const unsigned char *h, *b;
	uint64_t min = 0;
	if (n == 0)
		return 0;
	if (take(r, 1, &h))
		return -1;
	unsigned w = (h[0] + 1u) / 2;
	if (w > 3)
		return fail(r, "a u64 column with an unknown width");
	if ((h[0] & 1) && read_u64(r, &min))
		return -1;
	unsigned width = 8u >> w;
	if (width == 1) {
		unsigned char *bytes = malloc(n);
		if (!bytes)
			return fail(r, "out of memory");
		int rc = bytes_column(r, n, bytes);
		for (size_t i = 0; i < n; i++)
			out[i] = bytes[i] + min;
		free(bytes);
		return rc;
	}
	if (plausible(r, n, 1) || take(r, n * width, &b))
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = le(b + i * width, width) + min;
	return 0;
}

static int lengths_column(struct reader *r, size_t n, uint64_t *out)
{
	unsigned char *small = malloc(n ? n : 1);
	uint64_t *large = malloc((n ? n : 1) * sizeof(*large));
	if (!small || !large) {
		free(small);
		free(large);
		return fail(r, "out of memory");
	}
	int rc = bytes_column(r, n, small);
	size_t nlarge = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		nlarge += small[i] == 255;
	if (rc == 0)
		rc = u64_column(r, nlarge, large);
	for (size_t i = 0, k = 0; rc == 0 && i < n; i++)
		out[i] = small[i] == 255 ? large[k++] : small[i];
	free(small);
	free(large);
	return rc;
}

static int decode_bitcode(struct reader *r, struct fc_entry **out, size_t *count)
{
	uint64_t n;
	if (lengths_column(r, 1, &n) || plausible(r, n, 8))
		return -1;
	struct fc_entry *e = calloc(n ? n : 1, sizeof(*e));
	uint64_t *klen = calloc(n ? n : 1, sizeof(*klen)), *plen = calloc(n ? n : 1, sizeof(*plen));
	*out = e;
	*count = n;
	if (!e || !klen || !plen)
		return fail(r, "out of memory");
	int rc = n ? lengths_column(r, n, klen) : 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const unsigned char *k;
		if (plausible(r, klen[i], 1) || take(r, klen[i], &k)) {
			rc = -1;
			break;
		}
		e[i].key = malloc(klen[i] + 1);
		memcpy(e[i].key, k, klen[i]);
		e[i].key[klen[i]] = '\0';
	}
	uint64_t total = 0;
	if (rc == 0 && n)
		rc = lengths_column(r, n, plen);
	/* At most 8 instructions to a byte of what is left (one-bit packing). */
	uint64_t most = 8 * (uint64_t)(r->end - r->p) + 16;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (plen[i] > most || total + plen[i] > most)
			rc = fail(r, "a program longer than the file");
		else
			total += plen[i];
	}
	if (rc == 0 && total) {
		uint64_t *all = NULL;
		if (plausible(r, total, 8) || !(all = malloc(total * sizeof(*all))) || u64_column(r, total, all)) {
			free(all);
			rc = fail(r, "bad instruction column");
		} else {
			uint64_t *at = all;
			for (size_t i = 0; i < n; i++) {
				e[i].n = plen[i];
				e[i].insns = malloc((plen[i] ? plen[i] : 1) * sizeof(uint64_t));
				memcpy(e[i].insns, at, plen[i] * sizeof(uint64_t));
				at += plen[i];
			}
			free(all);
		}
	}
	free(klen);
	free(plen);
	return rc;
}

static int decode_bincode(struct reader *r, struct fc_entry **out, size_t *count)
{
	uint64_t n;
	if (read_u64(r, &n) || plausible(r, n, 1))
		return -1;
	struct fc_entry *e = calloc(n ? n : 1, sizeof(*e));
	*out = e;
	*count = n;
	if (!e)
		return fail(r, "out of memory");
	for (size_t i = 0; i < n; i++) {
		uint64_t len;
		const unsigned char *b;
		if (read_u64(r, &len) || plausible(r, len, 1) || take(r, len, &b))
			return -1;
		e[i].key = malloc(len + 1);
		memcpy(e[i].key, b, len);
		e[i].key[len] = '\0';
		if (read_u64(r, &len) || plausible(r, len, 8) || take(r, len * 8, &b))
			return -1;
		e[i].n = len;
		e[i].insns = malloc((len ? len : 1) * sizeof(uint64_t));
		for (size_t k = 0; k < len; k++)
			e[i].insns[k] = le(b + 8 * k, 8);
	}
	return 0;
}

/* Returns 0 and the entries, or -1 and *why. */
static int fc_decode(const unsigned char *data, size_t len, int bincode, struct fc_entry **out, size_t *n, const char **why)
{
	struct reader r = { data, data + len, NULL };
	*out = NULL;
	*n = 0;
	if (len > FC_LIMIT) {
		*why = "larger than Firecracker's limit of 100000 bytes";
		return -1;
	}
	int rc = bincode ? decode_bincode(&r, out, n) : decode_bitcode(&r, out, n);
	if (rc == 0 && r.p != r.end)
		rc = fail(&r, "bytes after the end of the map");
	*why = r.why;
	return rc;
}

static void fc_free(struct fc_entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++) {
		free(e[i].key);
		free(e[i].insns);
	}
	free(e);
}

#ifndef FC_DECODE_NO_MAIN
static unsigned char data[FC_LIMIT + 2];

/* Reads at most FC_LIMIT + 1 bytes of path into data: -1 if it cannot. */
static long read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fc-decode: %s: %s\n", path, strerror(errno));
		return -1;
	}
	size_t len = fread(data, 1, FC_LIMIT + 1, f);
	fclose(f);
	return (long)len;
}

/* Whether raw file path holds the n instructions v. */
static int same_program(const char *path, const uint64_t *v, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	int same = 1;
	for (size_t i = 0; same && i < n; i++) {
		unsigned char b[8];
		same = fread(b, 1, 8, f) == 8 && le(b, 8) == v[i];
	}
	same &= getc(f) == EOF;
	fclose(f);
	return same;
}

/* --list LIST: every file of a list as fc-oracle reads it (tests/firecracker/
 * oracle/main.rs): "file\tFORMAT\tPATH" then "prog\tKEY\tRAW" lines.  A
 * file passes when it decodes to exactly those keys and programs. */
static int check_list(const char *list_path)
{
	FILE *list = fopen(list_path, "r");
	if (!list) {
		fprintf(stderr, "fc-decode: %s: %s\n", list_path, strerror(errno));
		return 2;
	}
	static char line[8192];
	unsigned long files = 0, failed = 0, programs = 0;
	struct fc_entry *e = NULL;
	size_t n = 0, seen = 0;
	int bad = 0;
	const char *file = NULL;
	static char file_path[4096];
	for (int more = 1; more;) {
		more = fgets(line, sizeof(line), list) != NULL;
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t'), *tab2 = tab ? strchr(tab + 1, '\t') : NULL;
		int is_file = more && strncmp(line, "file\t", 5) == 0;
		if (more && !is_file && (strncmp(line, "prog\t", 5) != 0 || !tab2 || !file)) {
			fprintf(stderr, "fc-decode: %s: bad line '%s'\n", list_path, line);
			return 2;
		}
		if (!more || is_file) {
			/* The previous file: every entry listed. */
			if (file && !bad && seen != n) {
				printf("%s: %zu entries, %zu listed\n", file, n, seen);
				bad = 1;
			}
			failed += bad;
			fc_free(e, n);
			e = NULL, n = seen = 0, bad = 0, file = NULL;
		}
		if (!more)
			break;
		*tab2 = '\0';
		if (is_file) {
			files++;
			snprintf(file_path, sizeof(file_path), "%s", tab2 + 1);
			file = file_path;
			long len = read_file(file);
			const char *why = "cannot be read";
			if (len < 0 || fc_decode(data, (size_t)len, strcmp(tab + 1, "bincode") == 0, &e, &n, &why)) {
				if (failed < 20)
					printf("%s: %s\n", file, why);
				bad = 1;
			}
			continue;
		}
		if (bad)
			continue;
		size_t i = 0;
		while (i < n && strcmp(e[i].key, tab + 1) != 0)
			i++;
		if (i == n || !same_program(tab2 + 1, e[i].insns, e[i].n)) {
			if (failed < 20)
				printf("%s: '%s' %s\n", file, tab + 1, i == n ? "missing" : "differs");
			bad = 1;
		}
		seen++;
		programs++;
	}
	fclose(list);
	printf("%lu files, %lu failed; %lu programs\n", files, failed, programs);
	return failed || !files;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--list") == 0)
		return check_list(argv[2]);
	int bincode = argc > 1 && strcmp(argv[1], "--bincode") == 0;
	if (argc - bincode < 2 || argc - bincode > 3) {
		fprintf(stderr, "usage: fc-decode [--bincode] FILE [DIR] | fc-decode --list LIST\n");
		return 2;
	}
	const char *path = argv[1 + bincode], *dir = argc - bincode == 3 ? argv[2 + bincode] : NULL;
	long len = read_file(path);
	if (len < 0)
		return 1;
	struct fc_entry *e;
	size_t n;
	const char *why;
	if (fc_decode(data, (size_t)len, bincode, &e, &n, &why)) {
		fprintf(stderr, "fc-decode: %s: %s\n", path, why);
		fc_free(e, n);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		printf("%s %zu", e[i].key, e[i].n);
		for (size_t k = 0; k < e[i].n; k++)
			printf(" %016llx", (unsigned long long)e[i].insns[k]);
		printf("\n");
		if (!dir)
			continue;
		char name[4096];
		snprintf(name, sizeof(name), "%s/%s.bpf", dir, e[i].key);
		FILE *o = fopen(name, "wb");
		if (!o) {
			fprintf(stderr, "fc-decode: %s: %s\n", name, strerror(errno));
			return 1;
		}
		for (size_t k = 0; k < e[i].n; k++) {
			unsigned char b[8];
			for (int j = 0; j < 8; j++)
				b[j] = (unsigned char)(e[i].insns[k] >> (8 * j));
			fwrite(b, 1, 8, o);
		}
		fclose(o);
	}
	fc_free(e, n);
	return 0;
}
#endif
