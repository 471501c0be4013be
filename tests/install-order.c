/* The generated header first, then <seccomp-gen/install.h>: the table
 * entry type is defined once, whichever comes first. */
#include "tests/install_filters.h"

#include <seccomp-gen/install.h>

const struct sock_fprog *find_in_other_order(const char *name);

const struct sock_fprog *find_in_other_order(const char *name)
{
	return seccomp_gen_find(seccomp_gen_filters, name);
}
