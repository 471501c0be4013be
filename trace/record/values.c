/* Values as strace logs and the policy's own comments write them. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"

static int one_part(const struct sg_arch *a, const char *s, size_t len, uint64_t *out)
{
	char buf[128];
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	uint64_t mask = a->bits == 32 ? 0xffffffffu : UINT64_MAX;
	if (isdigit((unsigned char)buf[0]) || buf[0] == '-') {
		char *end;
		int neg = buf[0] == '-';
		errno = 0;
		unsigned long long v = strtoull(buf + neg, &end, 0);
		if (*end || end == buf + neg || errno)
			return -1;
		*out = (neg ? 0 - (uint64_t)v : (uint64_t)v) & mask;
		return 0;
	}
	const struct sg_named_value *c = sg_arch_constant(a, buf);
	if (!c)
		return -1;
	*out = (uint64_t)c->value & mask;
	return 0;
}

int tr_parse_value(const struct sg_arch *a, const char *s, size_t len, uint64_t *out)
{
	/* "0x5401 / * TCGETS * /": the number alone counts. */
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '/' && s[i + 1] == '*') {
			len = i;
			break;
		}
	uint64_t v = 0;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '|')
			continue;
		uint64_t part;
		if (one_part(a, s + start, i - start, &part))
			return -1;
		v |= part;
		start = i + 1;
	}
	*out = v;
	return 0;
}
