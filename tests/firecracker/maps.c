/* fc-maps DIR: writes Firecracker filter files for fc-oracle to judge
 * (tests/firecracker-oracle.sh), in both encodings, each with its programs
 * as raw files:
 *  - through seccomp-gen's writer (sg_write_firecracker: vmm, api, vcpu,
 *    x86_64), maps whose program lengths take every value from 0 to 600,
 *    values from 601 to 4096 in steps, every value from 4080 to 4096, and
 *    the edges 254, 255, 256 and 4096 together and alone; then the largest
 *    files, three programs of 4096 instructions that no packing shrinks;
 *  - through the encoder itself (sg_firecracker_encode), maps of up to 8
 *    other keys: empty keys, keys of 254 to 1000 bytes, several lengths of
 *    255 and more close together (which bitcode offsets by their minimum),
 *    an empty map; and maps of exactly 100,000 bytes, Firecracker's limit;
 *  - to DIR/refused, maps of 100,001 bytes, which Firecracker refuses.
 * DIR/list names each file and its programs (tests/firecracker/oracle/
 * main.rs says how).  Instruction values come in kinds that make each of
 * bitcode's packings likely: all alike, small, a narrow range far from 0,
 * 16 and 32 bits, any 64 bits, narrow for the first 16 and wide after.
 * The output counts what was written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/write/emit.h"

#define MAXK 8

struct map {
	size_t n;
	const char *key[MAXK];
	uint64_t *insns[MAXK];
	size_t len[MAXK];
};

static const char *dir;
static FILE *list, *refused;
static unsigned long maps, files, programs, over, largest[2];

static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static FILE *create(const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "fc-maps: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void done(FILE *f, const char *name)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "fc-maps: %s/%s: write error\n", dir, name);
		exit(1);
	}
}

/* A program as `seccomp-gen -f raw` writes one for a little-endian arch:
 * each u64 is the bytes of one struct sock_filter. */
static void write_raw(const char *name, const uint64_t *v, size_t n)
{
	FILE *f = create(name);
	for (size_t i = 0; i < n; i++) {
		unsigned char b[8];
		for (int k = 0; k < 8; k++)
			b[k] = (unsigned char)(v[i] >> (8 * k));
		fwrite(b, 1, 8, f);
	}
	done(f, name);
}

/* Lists file NAME (of map m) and writes its programs. */
static void list_map(const char *name, const char *format, const struct map *m)
{
	fprintf(list, "file\t%s\t%s/%s\n", format, dir, name);
	for (size_t i = 0; i < m->n; i++) {
		char raw[64];
		snprintf(raw, sizeof(raw), "m%05lu-%zu.bpf", maps, i);
		fprintf(list, "prog\t%s\t%s/%s\n", m->key[i], dir, raw);
	}
	files++;
	programs += m->n;
}

static void write_programs(const struct map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		char raw[64];
		snprintf(raw, sizeof(raw), "m%05lu-%zu.bpf", maps, i);
		write_raw(raw, m->insns[i], m->len[i]);
	}
}

enum kind { ALIKE, SMALL, NARROW, BITS16, BITS32, ANY, WIDE_LATER, KINDS };

static void fill(uint64_t *v, size_t n, enum kind kind, uint64_t base)
{
	uint64_t range = 1 + rnd() % 250;
	for (size_t i = 0; i < n; i++) {
		switch (kind) {
		case ALIKE: v[i] = base; break;
		case SMALL: v[i] = rnd() % range; break;
		case NARROW: v[i] = base + rnd() % range; break;
		case BITS16: v[i] = rnd() & 0xffff; break;
		case BITS32: v[i] = rnd() & 0xffffffffu; break;
		case ANY: v[i] = rnd(); break;
		case WIDE_LATER: v[i] = i < 16 ? base + (rnd() & 0xff) : rnd(); break;
		case KINDS: break;
		}
	}
}

/* Allocates and fills m's programs, one kind of values for the whole map
 * (bitcode packs all instructions of all programs as one column), or one
 * kind per program. */
static void fill_map(struct map *m)
{
	enum kind kind = (enum kind)(rnd() % KINDS);
	int mixed = rnd() % 4 == 0;
	uint64_t base = rnd() >> (rnd() % 64);
	for (size_t i = 0; i < m->n; i++) {
		m->insns[i] = malloc((m->len[i] ? m->len[i] : 1) * sizeof(uint64_t));
		if (!m->insns[i])
			abort();
		fill(m->insns[i], m->len[i], mixed ? (enum kind)(rnd() % KINDS) : kind, base);
	}
}

static void free_map(struct map *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->insns[i]);
}

/* vmm, api and vcpu of the given lengths, in a shuffled order, through
 * seccomp-gen's writer. */
static void through_writer(size_t l0, size_t l1, size_t l2, enum kind kind)
{
	static const char *const names[] = { "vmm", "api", "vcpu" };
	size_t len[3] = { l0, l1, l2 };
	struct map m = { .n = 3 };
	size_t shift = rnd() % 3;
	for (size_t i = 0; i < 3; i++) {
		m.key[i] = names[(i + shift) % 3];
		m.len[i] = len[i];
	}
	fill_map(&m);
	if (kind != KINDS)
		for (size_t i = 0; i < 3; i++)
			fill(m.insns[i], m.len[i], kind, 0);
	const struct sg_arch *x86 = sg_arch_find("x86_64");
	struct sg_program p[3], *pp[3];
	for (size_t i = 0; i < 3; i++) {
		struct sg_insn *insns = malloc((m.len[i] ? m.len[i] : 1) * sizeof(*insns));
		if (!insns)
			abort();
		for (size_t k = 0; k < m.len[i]; k++) {
			uint64_t v = m.insns[i][k];
			insns[k] = (struct sg_insn){ (uint16_t)v, (uint8_t)(v >> 16), (uint8_t)(v >> 24), (uint32_t)(v >> 32) };
		}
		p[i] = (struct sg_program){ .name = m.key[i], .arch = x86, .insns = insns, .len = m.len[i] };
		pp[i] = &p[i];
	}
	for (int bincode = 0; bincode < 2; bincode++) {
		char name[64];
		snprintf(name, sizeof(name), "m%05lu.%s", maps, bincode ? "bincode" : "bitcode");
		FILE *f = create(name);
		if (sg_write_firecracker(f, pp, 3, bincode) != 0) {
			fprintf(stderr, "fc-maps: the writer refuses %s\n", name);
			exit(1);
		}
		long size = ftell(f);
		largest[bincode] = (unsigned long)size > largest[bincode] ? (unsigned long)size : largest[bincode];
		done(f, name);
		list_map(name, bincode ? "bincode" : "bitcode", &m);
	}
	write_programs(&m);
	for (size_t i = 0; i < 3; i++)
		free(p[i].insns);
	free_map(&m);
	maps++;
}

/* Any map through the encoder; to DIR/refused if over the limit. */
static size_t through_encoder(const struct map *m, int bincode)
{
	struct sg_fc_entry e[MAXK];
	for (size_t i = 0; i < m->n; i++)
		e[i] = (struct sg_fc_entry){ m->key[i], m->insns[i], m->len[i] };
	size_t len;
	unsigned char *bytes = sg_firecracker_encode(e, m->n, bincode, &len);
	char name[64];
	snprintf(name, sizeof(name), "m%05lu.%s", maps, bincode ? "bincode" : "bitcode");
	FILE *f = create(name);
	fwrite(bytes, 1, len, f);
	done(f, name);
	free(bytes);
	if (len > SG_FIRECRACKER_MAX_BYTES) {
		fprintf(refused, "%s\t%s/%s\n", bincode ? "bincode" : "bitcode", dir, name);
		over++;
	} else {
		list_map(name, bincode ? "bincode" : "bitcode", m);
	}
	return len;
}

static void other_keys(void)
{
	/* Five short keys and five of 254 to 1000 bytes. */
	static char keys[10][1001] = { "", "vmm", "api", "vcpu", "thread-1" };
	static const size_t long_keys[] = { 254, 255, 256, 300, 1000 };
	for (size_t i = 0; i < 5; i++)
		memset(keys[5 + i], 'k' + (int)i, long_keys[i]);
	for (int iter = 0; iter < 100; iter++) {
		struct map m = { .n = iter == 0 ? 0 : 1 + rnd() % MAXK };
		/* Distinct keys: n of the 10, from a shuffled start. */
		size_t start = rnd() % 10, total = 0;
		int large_together = rnd() % 3 == 0;
		size_t around = 255 + rnd() % 1500;
		for (size_t i = 0; i < m.n; i++) {
			m.key[i] = keys[(start + i * 3) % 10];
			if (large_together)
				m.len[i] = around + rnd() % 12;
			else
				m.len[i] = rnd() % 4 == 0 ? 0 : rnd() % 2 ? rnd() % 300 : rnd() % 4097;
			/* Under Firecracker's limit whatever the values. */
			if (total + m.len[i] > 12000)
				m.len[i] = 0;
			total += m.len[i];
		}
		fill_map(&m);
		through_encoder(&m, 0);
		through_encoder(&m, 1);
		write_programs(&m);
		free_map(&m);
		maps++;
	}
}

static size_t encoded_len(const struct map *m, int bincode)
{
	struct sg_fc_entry e[MAXK];
	for (size_t i = 0; i < m->n; i++)
		e[i] = (struct sg_fc_entry){ m->key[i], m->insns[i], m->len[i] };
	size_t len;
	free(sg_firecracker_encode(e, m->n, bincode, &len));
	return len;
}

/* A map of exactly `want` bytes: vmm, api and vcpu of 4096 values that do
 * not pack, and a fourth program and key that make up the difference. */
static void exactly(size_t want, int bincode)
{
	static char pad[64];
	struct map m = { .n = 4, .key = { "api", pad, "vcpu", "vmm" }, .len = { 4096, 250, 4096, 4096 } };
	fill_map(&m);
	for (size_t i = 0; i < 4; i++)
		fill(m.insns[i], m.len[i], ANY, 0);
	/* The size is 8 bytes an instruction and what the key's length adds:
	 * one of eight key lengths leaves a whole number of instructions. */
	for (size_t k = 0; k < sizeof(pad) - 1; k++) {
		memset(pad, 'p', k);
		pad[k] = '\0';
		m.len[1] = 250;
		size_t rest = encoded_len(&m, bincode) - 8 * 250;
		if (rest > want || (want - rest) % 8 || (want - rest) / 8 > 250)
			continue;
		m.len[1] = (want - rest) / 8;
		if (encoded_len(&m, bincode) != want)
			continue;
		through_encoder(&m, bincode);
		write_programs(&m);
		free_map(&m);
		maps++;
		return;
	}
	fprintf(stderr, "fc-maps: no map of %zu bytes\n", want);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fc-maps DIR\n");
		return 2;
	}
	dir = argv[1];
	list = create("list");
	refused = create("refused");
	/* Every length from 0 to 600, three to a map. */
	for (size_t l = 0; l <= 600; l += 3)
		through_writer(l, l + 1, l + 2 <= 600 ? l + 2 : 0, KINDS);
	/* 601 to 4096: in steps of 13 to 23, and all of 4080 to 4096. */
	for (size_t l = 601; l < 4080; l += 3 * (13 + rnd() % 11))
		through_writer(l, l + 13, 4096 - (l - 601) % 3500, KINDS);
	for (size_t l = 4080; l <= 4096; l += 3)
		through_writer(l, l + 1 <= 4096 ? l + 1 : 254, l + 2 <= 4096 ? l + 2 : 255, KINDS);
	/* The edges: alone (a column of one long length, of one instruction),
	 * together, with 0 and 1. */
	through_writer(1, 0, 0, KINDS);
	through_writer(0, 255, 0, KINDS);
	through_writer(0, 0, 4096, KINDS);
	static const size_t edges[] = { 0, 1, 254, 255, 256, 4096 };
	for (size_t a = 0; a < 6; a++)
		for (size_t b = 0; b < 6; b++)
			through_writer(edges[a], edges[b], edges[(a + b) % 6], KINDS);
	/* The largest: no packing shrinks any value. */
	for (int i = 0; i < 4; i++)
		through_writer(4096, 4096, 4096, ANY);
	other_keys();
	exactly(SG_FIRECRACKER_MAX_BYTES, 0);
	exactly(SG_FIRECRACKER_MAX_BYTES, 1);
	exactly(SG_FIRECRACKER_MAX_BYTES + 1, 0);
	exactly(SG_FIRECRACKER_MAX_BYTES + 1, 1);
	done(list, "list");
	done(refused, "refused");
	printf("%lu maps: %lu files listed, with %lu programs; %lu over the limit; largest through the writer %lu bytes (bitcode), %lu (bincode)\n",
	       maps, files, programs, over, largest[0], largest[1]);
	return 0;
}
