/* Firecracker's --seccomp-filter files: a map from thread category to
 * BPF program, each instruction the u64 whose little-endian bytes are
 * one struct sock_filter (Firecracker reads the file into
 * HashMap<String, Vec<u64>>: src/vmm/src/seccomp.rs, deserialize_binary).
 *
 * Two encodings of that map:
 *  - bitcode 0.6's serde format (Firecracker's seccompiler writes
 *    bitcode::serialize of a BTreeMap<String, Vec<u64>>).  bitcode lays
 *    the value out by type, not by entry: one buffer per kind of value, in
 *    the order serde first meets each kind: the map's length, the keys
 *    (their lengths, then their bytes), the programs' lengths, and every
 *    instruction of every program.  Lengths below 255 are bytes (packed
 *    several to a byte when they are small); a larger one is a 255 there
 *    and its value in a second column, of u64s; every column of integers,
 *    even of one, has a header byte saying the narrowest width that holds
 *    them all.
 *  - bincode 1's fixed-width little-endian layout (older Firecrackers):
 *    u64 count, then per entry u64 key length, key, u64 program length,
 *    the instructions.
 * The rules below are those of bitcode's src/length.rs, src/pack.rs and
 * src/pack_ints.rs (0.6.9).  tests/firecracker-oracle.sh has bitcode
 * 0.6.9 and bincode read every file the suite writes, and write the same
 * bytes from the same programs. */
#include <stdlib.h>
#include <string.h>

#include "gen/write/emit.h"

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void put_byte(struct buf *b, unsigned char c)
{
	put(b, &c, 1);
}

static void put_le(struct buf *b, uint64_t v, unsigned width)
{
	unsigned char bytes[8];
	for (unsigned i = 0; i < width; i++)
		bytes[i] = (unsigned char)(v >> (8 * i));
	put(b, bytes, width);
}

/* --- bitcode: bytes (pack.rs) ------------------------------------------ */

/* States per packed byte, from most to fewest: the header byte is twice
 * the index, less one when the values are offset by their minimum. */
enum { P256, P16, P6, P4, P3, P2 };
static const unsigned factor[] = { 256, 16, 6, 4, 3, 2 };
static const unsigned per_byte[] = { 1, 2, 3, 4, 5, 8 };

static int byte_packing(unsigned max)
{
	return max <= 1 ? P2 : max == 2 ? P3 : max == 3 ? P4 : max <= 5 ? P6 : max <= 15 ? P16 : P256;
}

/* Values below factor[p], per_byte[p] to a byte, the first the least
 * significant digit. */
static void pack_digits(struct buf *b, const unsigned char *v, size_t n, int p)
{
	if (p == P256) {
		put(b, v, n);
		return;
	}
	for (size_t i = 0; i < n; i += per_byte[p]) {
		unsigned acc = 0, scale = 1;
		for (size_t k = i; k < n && k < i + per_byte[p]; k++) {
			acc += v[k] * scale;
			scale *= factor[p];
		}
		put_byte(b, (unsigned char)acc);
	}
}

/* pack_bytes: up to two bytes as they are; else a header, the minimum
 * when subtracting it packs tighter (and there are more than five), and
 * the packed bytes.  v is changed. */
static void pack_bytes(struct buf *b, unsigned char *v, size_t n)
{
	if (n <= 2) {
		put(b, v, n);
		return;
	}
	unsigned char min = 255, max = 0;
	for (size_t i = 0; i < n; i++) {
		min = v[i] < min ? v[i] : min;
		max = v[i] > max ? v[i] : max;
	}
	int basic = byte_packing(max), offset = byte_packing((unsigned)(max - min));
	if (offset > basic && n > 5) {
		for (size_t i = 0; i < n; i++)
			v[i] = (unsigned char)(v[i] - min);
		put_byte(b, (unsigned char)(offset * 2 - 1));
		put_byte(b, min);
		pack_digits(b, v, n, offset);
	} else {
		put_byte(b, (unsigned char)(basic * 2));
		pack_digits(b, v, n, basic);
	}
}

/* --- bitcode: u64s (pack_ints.rs) -------------------------------------- */

/* Widths from widest: the header byte is twice the index, less one when
 * offset by the minimum. */
enum { W64, W32, W16, W8 };

static int int_packing(uint64_t max)
{
	return max <= 0xff ? W8 : max <= 0xffff ? W16 : max <= 0xffffffffu ? W32 : W64;
}

static void min_max(const uint64_t *v, size_t n, uint64_t *min, uint64_t *max)
{
	*min = UINT64_MAX;
	*max = 0;
	for (size_t i = 0; i < n; i++) {
		*min = v[i] < *min ? v[i] : *min;
		*max = v[i] > *max ? v[i] : *max;
	}
}

/* A column of n u64s: nothing at all when n is 0; else a header, even for
 * one value (pack_ints skips it only for no values, for bytes, and for
 * one u16), and the values at the narrowest width.  v is changed. */
static void pack_u64s(struct buf *b, uint64_t *v, size_t n)
{
	if (n == 0)
		return;
	int p;
	/* A sample of the first 16 decides whether to look further. */
	uint64_t min, max;
	min_max(v, n < 16 ? n : 16, &min, &max);
	if (int_packing(max - min) == W64) {
		p = W64;
		put_byte(b, 0);
	} else {
		min_max(v, n, &min, &max);
		p = int_packing(max);
		int p2 = int_packing(max - min);
		if (p2 > p && n > 5) {
			for (size_t i = 0; i < n; i++)
				v[i] -= min;
			p = p2;
			put_byte(b, (unsigned char)(p * 2 - 1));
			put_le(b, min, 8);
		} else {
			put_byte(b, (unsigned char)(p * 2));
		}
	}
	if (p == W8) {
		unsigned char *bytes = malloc(n);
		if (!bytes)
			abort();
		for (size_t i = 0; i < n; i++)
			bytes[i] = (unsigned char)v[i];
		pack_bytes(b, bytes, n);
		free(bytes);
		return;
	}
	unsigned width = p == W64 ? 8 : p == W32 ? 4 : 2;
	for (size_t i = 0; i < n; i++)
		put_le(b, v[i], width);
}

/* --- bitcode: lengths (length.rs) -------------------------------------- */

/* A column of lengths is two: one byte per length, 255 standing for 255
 * and more, as a column of bytes; then the lengths of 255 and more, in
 * order, as a column of u64s (usize), with its own header.  */
static void pack_lengths(struct buf *b, const uint64_t *len, size_t n)
{
	unsigned char *small = malloc(n ? n : 1);
	uint64_t *large = malloc((n ? n : 1) * sizeof(*large));
	if (!small || !large)
		abort();
	size_t nlarge = 0;
	for (size_t i = 0; i < n; i++) {
		small[i] = len[i] < 255 ? (unsigned char)len[i] : 255;
		if (len[i] >= 255)
			large[nlarge++] = len[i];
	}
	pack_bytes(b, small, n);
	pack_u64s(b, large, nlarge);
	free(small);
	free(large);
}

static int by_key(const void *x, const void *y)
{
	const struct sg_fc_entry *a = x, *b = y;
	return strcmp(a->key, b->key);
}

unsigned char *sg_firecracker_encode(const struct sg_fc_entry *entries, size_t n, int bincode, size_t *len)
{
	/* In key order, as a BTreeMap serializes (the reader takes any). */
	struct sg_fc_entry *e = malloc((n ? n : 1) * sizeof(*e));
	if (!e)
		abort();
	memcpy(e, entries, n * sizeof(*e));
	qsort(e, n, sizeof(*e), by_key);
	struct buf b = { NULL, 0, 0 };
	if (bincode) {
		put_le(&b, n, 8);
		for (size_t i = 0; i < n; i++) {
			put_le(&b, strlen(e[i].key), 8);
			put(&b, e[i].key, strlen(e[i].key));
			put_le(&b, e[i].n, 8);
			for (size_t k = 0; k < e[i].n; k++)
				put_le(&b, e[i].insns[k], 8);
		}
	} else {
		size_t total = 0;
		uint64_t count = n, *lens = malloc((n ? n : 1) * sizeof(*lens));
		if (!lens)
			abort();
		pack_lengths(&b, &count, 1);
		for (size_t i = 0; i < n; i++)
			lens[i] = strlen(e[i].key);
		if (n)
			pack_lengths(&b, lens, n);
		for (size_t i = 0; i < n; i++)
			put(&b, e[i].key, strlen(e[i].key));
		for (size_t i = 0; i < n; i++) {
			lens[i] = e[i].n;
			total += e[i].n;
		}
		if (n)
			pack_lengths(&b, lens, n);
		/* Without a single instruction serde never meets a u64, and
		 * there is no buffer for them. */
		if (total) {
			uint64_t *all = malloc(total * sizeof(*all)), *o = all;
			if (!all)
				abort();
			for (size_t i = 0; i < n; i++)
				for (size_t k = 0; k < e[i].n; k++)
					*o++ = e[i].insns[k];
			pack_u64s(&b, all, total);
			free(all);
		}
		free(lens);
	}
	free(e);
	*len = b.len;
	return b.p;
}

/* Firecracker refuses a file without exactly these categories
 * (src/firecracker/src/seccomp.rs, filter_thread_categories), and a
 * larger one (DESERIALIZATION_BYTES_LIMIT). */
static const char *const categories[] = { "vmm", "api", "vcpu" };

int sg_write_firecracker(FILE *out, struct sg_program *const *progs, size_t n, int bincode)
{
	int bad = n != 3;
	for (size_t i = 0; i < n; i++) {
		int known = 0;
		for (size_t k = 0; k < 3; k++)
			known |= strcmp(progs[i]->name, categories[k]) == 0;
		for (size_t j = 0; j < i; j++)
			known &= strcmp(progs[i]->name, progs[j]->name) != 0;
		bad |= !known;
		if (progs[i]->arch->big_endian) {
			fprintf(stderr, "seccomp-gen: error: Firecracker runs on little-endian hosts; '%s' is for %s\n",
				progs[i]->name, progs[i]->arch->name);
			return -1;
		}
	}
	if (bad) {
		fprintf(stderr, "seccomp-gen: error: a Firecracker filter file has exactly the thread categories vmm, api and vcpu; the programs here are");
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "%s '%s'", i ? "," : "", progs[i]->name);
		fprintf(stderr, "%s\n", n ? "" : " none");
		return -1;
	}
	struct sg_fc_entry e[3];
	uint64_t *insns[3];
	for (size_t i = 0; i < 3; i++) {
		const struct sg_program *p = progs[i];
		insns[i] = malloc((p->len ? p->len : 1) * sizeof(uint64_t));
		if (!insns[i])
			abort();
		for (size_t pc = 0; pc < p->len; pc++) {
			unsigned char b[8];
			sg_insn_bytes(p, pc, b);
			uint64_t v = 0;
			for (int k = 7; k >= 0; k--)
				v = v << 8 | b[k];
			insns[i][pc] = v;
		}
		e[i] = (struct sg_fc_entry){ p->name, insns[i], p->len };
	}
	size_t len;
	unsigned char *bytes = sg_firecracker_encode(e, 3, bincode, &len);
	int rc = 0;
	if (len > SG_FIRECRACKER_MAX_BYTES) {
		fprintf(stderr, "seccomp-gen: error: the Firecracker filter file would be %zu bytes; Firecracker reads at most %d\n",
			len, SG_FIRECRACKER_MAX_BYTES);
		rc = -1;
	} else {
		fwrite(bytes, 1, len, out);
	}
	free(bytes);
	for (size_t i = 0; i < 3; i++)
		free(insns[i]);
	return rc;
}
