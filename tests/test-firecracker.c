/* Firecracker's --seccomp-filter encodings (gen/write/emit_firecracker.c),
 * against tests/fc-decode.c, a second reader in C:
 *  - worked examples: small maps whose bytes are worked out by hand below,
 *    one for each way bitcode packs a column, in both encodings;
 *  - random maps (small and large values, long keys, empty programs)
 *    encoded and read back, in both encodings;
 *  - the writer's refusals: other categories than vmm, api and vcpu, a
 *    file over 100,000 bytes, a big-endian arch.
 * tests/firecracker-oracle.sh runs it with FC_DUMP (below), so that
 * Firecracker's own crates read the worked examples and the first 100
 * random maps too. */
#include <stdlib.h>
#include <string.h>

#include "gen/write/emit.h"
#include "tests/tap.h"

#define FC_DECODE_NO_MAIN
#include "tests/fc-decode.c"

#define MAXN 8
struct map {
	size_t n;
	const char *key[MAXN];
	uint64_t *insns[MAXN];
	size_t len[MAXN];
};

/* With FC_DUMP=DIR in the environment, every encoding is also written to
 * DIR, with its programs as raw files and a list of them for fc-oracle
 * (tests/firecracker/oracle/main.rs): tests/firecracker-oracle.sh has
 * Firecracker's crates judge the worked examples and random maps too. */
static void dump(const struct map *m, int bincode, const unsigned char *bytes, size_t len)
{
	static FILE *list;
	static unsigned long count;
	const char *dir = getenv("FC_DUMP");
	char path[4096];
	if (!dir)
		return;
	if (!list) {
		snprintf(path, sizeof(path), "%s/list", dir);
		if (!(list = fopen(path, "w")))
			abort();
	}
	const char *format = bincode ? "bincode" : "bitcode";
	snprintf(path, sizeof(path), "%s/d%05lu.%s", dir, count, format);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(bytes, 1, len, f);
	fclose(f);
	fprintf(list, "file\t%s\t%s\n", format, path);
	for (size_t i = 0; i < m->n; i++) {
		snprintf(path, sizeof(path), "%s/d%05lu-%zu.bpf", dir, count, i);
		if (!(f = fopen(path, "wb")))
			abort();
		for (size_t k = 0; k < m->len[i]; k++)
			for (int j = 0; j < 8; j++)
				putc((int)(m->insns[i][k] >> (8 * j)) & 0xff, f);
		fclose(f);
		fprintf(list, "prog\t%s\t%s\n", m->key[i], path);
	}
	fflush(list);
	count++;
}

/* Encodes m, compares with want (if given), and reads it back. */
static int check(const char *label, const struct map *m, int bincode, const unsigned char *want, size_t want_len)
{
	struct sg_fc_entry e[MAXN];
	for (size_t i = 0; i < m->n; i++)
		e[i] = (struct sg_fc_entry){ m->key[i], m->insns[i], m->len[i] };
	size_t len;
	unsigned char *got = sg_firecracker_encode(e, m->n, bincode, &len);
	dump(m, bincode, got, len);
	int ok = 1;
	if (want && (len != want_len || memcmp(got, want, len) != 0)) {
		ok = 0;
		tap_diag("%s: %zu bytes, expected %zu:", label, len, want_len);
		for (size_t i = 0; i < len; i++)
			printf("%s%02x", i % 16 ? " " : "# ", got[i]);
		printf("\n");
	}
	struct fc_entry *d;
	size_t dn;
	const char *why;
	if (fc_decode(got, len, bincode, &d, &dn, &why)) {
		tap_diag("%s: the reader refuses it: %s", label, why);
		ok = 0;
	} else if (dn != m->n) {
		ok = 0;
	} else {
		/* Keys come back in key order, whatever order the map had. */
		for (size_t i = 0; i < dn; i++) {
			size_t k = 0;
			while (k < m->n && strcmp(m->key[k], d[i].key) != 0)
				k++;
			if (k == m->n || d[i].n != m->len[k] ||
			    (m->len[k] && memcmp(d[i].insns, m->insns[k], m->len[k] * sizeof(uint64_t)) != 0) ||
			    (i && strcmp(d[i - 1].key, d[i].key) >= 0))
				ok = 0;
		}
	}
	fc_free(d, dn);
	free(got);
	return tap_ok(ok, "%s (%s)", label, bincode ? "bincode" : "bitcode");
}

static uint64_t e1_api[] = { 1, 2 }, e1_vmm[] = { 3 };

static void worked_examples(void)
{
	/* {api: [1, 2], vcpu: [], vmm: [3]}, in bitcode:
	 *   03              the map's length, 3: one length, as it is
	 *   04 87           the key lengths 3, 4, 3: header 4 (2 * packing 2:
	 *                   values below 6, three to a byte), 3 + 4*6 + 3*36
	 *   61 70 69 76 63 70 75 76 6d 6d   "api" "vcpu" "vmm"
	 *   08 0b           the program lengths 2, 0, 1: header 8 (below 3,
	 *                   five to a byte), 2 + 0*3 + 1*9
	 *   06              the instructions 1, 2, 3: one byte each (width 3)
	 *   06 39           ... as a column of bytes: below 4, four to a byte,
	 *                   1 + 2*4 + 3*16 */
	static const unsigned char e1[] = { 0x03, 0x04, 0x87, 'a', 'p', 'i', 'v', 'c', 'p', 'u', 'v', 'm', 'm',
					    0x08, 0x0b, 0x06, 0x06, 0x39 };
	struct map m1 = { 3, { "vmm", "api", "vcpu" }, { e1_vmm, e1_api, NULL }, { 1, 2, 0 } };
	check("worked example: {api: [1, 2], vcpu: [], vmm: [3]}", &m1, 0, e1, sizeof(e1));
	/* The same in bincode: u64 count, then key length, key, program
	 * length and the u64s of each entry, all little endian. */
	static const unsigned char b1[] = {
		3, 0, 0, 0, 0, 0, 0, 0,
		3, 0, 0, 0, 0, 0, 0, 0, 'a', 'p', 'i', 2, 0, 0, 0, 0, 0, 0, 0,
		1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
		4, 0, 0, 0, 0, 0, 0, 0, 'v', 'c', 'p', 'u', 0, 0, 0, 0, 0, 0, 0, 0,
		3, 0, 0, 0, 0, 0, 0, 0, 'v', 'm', 'm', 1, 0, 0, 0, 0, 0, 0, 0,
		3, 0, 0, 0, 0, 0, 0, 0,
	};
	check("worked example: {api: [1, 2], vcpu: [], vmm: [3]}", &m1, 1, b1, sizeof(b1));

	/* {a: [1000 .. 1009]}: the u64s are offset by their minimum, 1000,
	 * since then they fit a byte (width 3, header 2*3 - 1), and the bytes
	 * 0 .. 9 go two to a byte (below 16, header 2). */
	static uint64_t e2_a[10];
	for (int i = 0; i < 10; i++)
		e2_a[i] = 1000 + (uint64_t)i;
	static const unsigned char e2[] = { 0x01, 0x01, 'a', 0x0a, 0x05, 0xe8, 0x03, 0, 0, 0, 0, 0, 0,
					    0x02, 0x10, 0x32, 0x54, 0x76, 0x98 };
	struct map m2 = { 1, { "a" }, { e2_a }, { 10 } };
	check("worked example: u64s offset by their minimum", &m2, 0, e2, sizeof(e2));

	/* {a: 300 zeros}: the length 300 is byte 255 among the lengths, and
	 * then 300 in a column of its own: one value, still with a header (4:
	 * 16 bits), 2c 01.  The zeros: a byte each (header 6), and those
	 * bytes are bits, eight to a byte (header 10): 38 zero bytes. */
	static uint64_t e3_a[300];
	static unsigned char e3[9 + 38] = { 0x01, 0x01, 'a', 0xff, 0x04, 0x2c, 0x01, 0x06, 0x0a };
	struct map m3 = { 1, { "a" }, { e3_a }, { 300 } };
	check("worked example: a length of 255 or more", &m3, 0, e3, sizeof(e3));

	/* Six programs of 300 to 305 zeros, keys a to f:
	 *   06              the map's length
	 *   0a 3f           key lengths 1 x 6: bits (header 10), 0b111111
	 *   61 .. 66        "abcdef"
	 *   09 ff 00        program lengths, all 255 here: offset by their
	 *                   minimum 255 (header 2 * 5 - 1), the zeros as bits
	 *   05 2c 01 0 .. 0 the lengths of 255 and more: 300 .. 305, offset by
	 *                   their minimum (header 2 * 3 - 1), 300 as a u64,
	 *   04 4e cf        then 0 .. 5 as bytes, three to a byte (header 4):
	 *                   0 + 1*6 + 2*36, 3 + 4*6 + 5*36
	 *   06 0a 00 ..     1815 zeros: a byte each, as bits: 227 zero bytes */
	static uint64_t e7_zeros[305];
	static unsigned char e7[26 + 227] = { 0x06, 0x0a, 0x3f, 'a', 'b', 'c', 'd', 'e', 'f', 0x09, 0xff, 0x00,
					      0x05, 0x2c, 0x01, 0, 0, 0, 0, 0, 0, 0x04, 0x4e, 0xcf, 0x06, 0x0a };
	struct map m7 = { 6, { "a", "b", "c", "d", "e", "f" }, { e7_zeros, e7_zeros, e7_zeros, e7_zeros, e7_zeros, e7_zeros },
			  { 300, 301, 302, 303, 304, 305 } };
	check("worked example: lengths of 255 and more, offset by their minimum", &m7, 0, e7, sizeof(e7));

	/* One instruction: a column of one u64 has a header too (6: a byte
	 * each), then the byte; one wide value has header 0 and 8 bytes. */
	static uint64_t e8_a[] = { 5 }, e9_a[] = { 0x1122334455667788ull };
	static const unsigned char e8[] = { 0x01, 0x01, 'a', 0x01, 0x06, 0x05 };
	struct map m8 = { 1, { "a" }, { e8_a }, { 1 } };
	check("worked example: a column of one instruction", &m8, 0, e8, sizeof(e8));
	static const unsigned char e9[] = { 0x01, 0x01, 'a', 0x01, 0x00, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
	struct map m9 = { 1, { "a" }, { e9_a }, { 1 } };
	check("worked example: a column of one wide instruction", &m9, 0, e9, sizeof(e9));

	/* {a: [100 .. 107]}: a byte each (header 6), and the bytes offset by
	 * 100 (header 2*1 - 1, then 100) pack two to a byte. */
	static uint64_t e4_a[8];
	for (int i = 0; i < 8; i++)
		e4_a[i] = 100 + (uint64_t)i;
	static const unsigned char e4[] = { 0x01, 0x01, 'a', 0x08, 0x06, 0x01, 0x64, 0x10, 0x32, 0x54, 0x76 };
	struct map m4 = { 1, { "a" }, { e4_a }, { 8 } };
	check("worked example: bytes offset by their minimum", &m4, 0, e4, sizeof(e4));

	/* {a: [0x10000, 0x10001]}: 32 bits each (header 2); two values are
	 * too few to offset. */
	static uint64_t e5_a[] = { 0x10000, 0x10001 };
	static const unsigned char e5[] = { 0x01, 0x01, 'a', 0x02, 0x02, 0, 0, 1, 0, 1, 0, 1, 0 };
	struct map m5 = { 1, { "a" }, { e5_a }, { 2 } };
	check("worked example: 32-bit values", &m5, 0, e5, sizeof(e5));

	/* Three empty programs (Firecracker: no filter for any thread):
	 * lengths 0, 0, 0 are bits (header 10, one byte), and no u64s. */
	static const unsigned char e6[] = { 0x03, 0x04, 0x87, 'a', 'p', 'i', 'v', 'c', 'p', 'u', 'v', 'm', 'm', 0x0a, 0x00 };
	struct map m6 = { 3, { "api", "vcpu", "vmm" }, { NULL, NULL, NULL }, { 0, 0, 0 } };
	check("worked example: three empty programs", &m6, 0, e6, sizeof(e6));
}

static uint64_t rnd_state = 88172645463325252ull;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void random_maps(void)
{
	static const char *const keys[] = { "vmm", "api", "vcpu", "a", "", "thread-1" };
	static char long_key[400];
	memset(long_key, 'k', sizeof(long_key) - 1);
	int bad[2] = { 0, 0 };
	for (int iter = 0; iter < 2000; iter++) {
		struct map m;
		m.n = rnd() % 5;
		for (size_t i = 0; i < m.n; i++) {
			/* Distinct keys: the i-th of a shuffled list, or a long one. */
			m.key[i] = i == 4 ? long_key : keys[(i + (size_t)iter) % 6];
			size_t len = rnd() % 4 == 0 ? 0 : rnd() % 3 == 0 ? rnd() % 600 : rnd() % 20;
			m.len[i] = len;
			m.insns[i] = malloc((len ? len : 1) * sizeof(uint64_t));
			/* Values that make every width and offset likely. */
			unsigned shift = (unsigned)(rnd() % 64);
			uint64_t base = rnd() % 3 == 0 ? rnd() : 0;
			for (size_t k = 0; k < len; k++)
				m.insns[i][k] = base + (rnd() >> shift);
		}
		for (int bincode = 0; bincode < 2; bincode++) {
			struct sg_fc_entry e[MAXN];
			for (size_t i = 0; i < m.n; i++)
				e[i] = (struct sg_fc_entry){ m.key[i], m.insns[i], m.len[i] };
			size_t len;
			unsigned char *bytes = sg_firecracker_encode(e, m.n, bincode, &len);
			if (len <= FC_LIMIT && iter < 100)
				dump(&m, bincode, bytes, len);
			struct fc_entry *d;
			size_t dn;
			const char *why;
			int ok = len <= FC_LIMIT ? fc_decode(bytes, len, bincode, &d, &dn, &why) == 0 && dn == m.n : 1;
			for (size_t i = 0; ok && len <= FC_LIMIT && i < dn; i++) {
				size_t k = 0;
				while (k < m.n && strcmp(m.key[k], d[i].key) != 0)
					k++;
				ok = k < m.n && d[i].n == m.len[k] &&
				     (!m.len[k] || memcmp(d[i].insns, m.insns[k], m.len[k] * 8) == 0);
			}
			if (len <= FC_LIMIT)
				fc_free(d, dn);
			if (!ok && bad[bincode]++ == 0)
				tap_diag("random map %d (%s) does not read back", iter, bincode ? "bincode" : "bitcode");
			free(bytes);
		}
		for (size_t i = 0; i < m.n; i++)
			free(m.insns[i]);
	}
	tap_ok(!bad[0], "2000 random maps read back (bitcode)");
	tap_ok(!bad[1], "2000 random maps read back (bincode)");
}

/* The writer: exactly vmm, api and vcpu; at most 100,000 bytes; little
 * endian.  Nothing is written when it refuses. */
static int writes(struct sg_program *const *p, size_t n, int bincode, size_t *written)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	fflush(stderr);
	int rc = sg_write_firecracker(f, p, n, bincode);
	fclose(f);
	*written = size;
	free(text);
	return rc;
}

static void writer_checks(void)
{
	static struct sg_insn ret_allow[5000]; /* RET ALLOW with data bits */
	for (size_t i = 0; i < 5000; i++)
		ret_allow[i] = (struct sg_insn){ 0x06, 0, 0, 0x7fff0000u + (uint32_t)i }; /* no two alike: no packing */
	const struct sg_arch *x86 = sg_arch_find("x86_64");
	struct sg_program vmm = { .name = "vmm", .arch = x86, .insns = ret_allow, .len = 1 };
	struct sg_program api = vmm, vcpu = vmm, other = vmm, big_vmm = vmm;
	api.name = "api";
	vcpu.name = "vcpu";
	other.name = "worker";
	size_t written;
	int rc;
	struct sg_program *good[] = { &vmm, &api, &vcpu };
	rc = writes(good, 3, 0, &written);
	tap_ok(rc == 0 && written == 1 + 2 + 10 + 2 + 1 + 3 * 8,
	       "vmm, api, vcpu: written (%zu bytes)", written);
	struct sg_program *two[] = { &vmm, &api };
	rc = writes(two, 2, 0, &written);
	tap_ok(rc == -1 && written == 0, "vcpu missing: refused, nothing written");
	struct sg_program *four[] = { &vmm, &api, &vcpu, &other };
	rc = writes(four, 4, 1, &written);
	tap_ok(rc == -1 && written == 0, "a fourth category: refused, nothing written");
	struct sg_program *renamed[] = { &vmm, &api, &other };
	rc = writes(renamed, 3, 0, &written);
	tap_ok(rc == -1 && written == 0, "worker instead of vcpu: refused");
	struct sg_program *twice[] = { &vmm, &api, &api };
	rc = writes(twice, 3, 0, &written);
	tap_ok(rc == -1 && written == 0, "api twice: refused");
	/* 3 x 4096 instructions are 98,304 bytes and fit; more do not. */
	struct sg_program big_api = api, big_vcpu = vcpu;
	big_vmm.len = big_api.len = big_vcpu.len = 4096;
	struct sg_program *full[] = { &big_vmm, &big_api, &big_vcpu };
	rc = writes(full, 3, 0, &written);
	tap_ok(rc == 0 && written <= 100000, "3 x 4096 instructions fit (%zu bytes)", written);
	rc = writes(full, 3, 1, &written);
	tap_ok(rc == 0 && written <= 100000, "3 x 4096 instructions fit in bincode (%zu bytes)",
	       written);
	big_vmm.len = big_api.len = big_vcpu.len = 5000;
	rc = writes(full, 3, 0, &written);
	tap_ok(rc == -1 && written == 0, "over 100,000 bytes: refused, nothing written");
	struct sg_arch be = *x86;
	be.big_endian = 1;
	struct sg_program be_vmm = vmm;
	be_vmm.arch = &be;
	struct sg_program *big_endian[] = { &be_vmm, &api, &vcpu };
	rc = writes(big_endian, 3, 0, &written);
	tap_ok(rc == -1 && written == 0, "a big-endian arch: refused");
}

int main(void)
{
	worked_examples();
	random_maps();
	writer_checks();
	return tap_done();
}
