# seccomp-gen.mk: make rules for projects that embed seccomp filters.
#
# seccomp-gen installs this file in $(datadir)/seccomp-gen/.  In an
# Autotools project, SECCOMP_GEN_INIT in configure.ac finds it and puts
# its rules where Makefile.am has the line
#
#     @SECCOMP_GEN_RULES@
#
# which automake places after every variable of Makefile.am, as these
# rules need.  It uses SECCOMP_GEN and SECCOMP_GEN_ARCH from configure.
# The rules are GNU make's (pattern rules, $(eval), -include).
#
# One policy, one program (foo_filter), from foo.policy:
#
#     nodist_app_SOURCES = foo-seccomp.c foo-seccomp.h
#     BUILT_SOURCES = foo-seccomp.h
#
# Several policies in one file, with a name-to-program table
# (seccomp_gen_filters[], or -n NAME's NAME_filters[]):
#
#     SECCOMP_GEN_TABLES = filters
#     filters_POLICIES = main.policy worker.policy
#     nodist_app_SOURCES = filters.c filters.h
#     BUILT_SOURCES = filters.h
#
# and in both cases
#
#     CLEANFILES = $(SECCOMP_GEN_CLEANFILES)
#     EXTRA_DIST = the .policy files, included ones too
#
# The generated names end in -seccomp so that a pattern rule never
# overwrites a hand-written foo.c that sits beside foo.policy.
#
# Flags: AM_SECCOMP_GEN_FLAGS is the project's, SECCOMP_GEN_FLAGS the
# user's (make SECCOMP_GEN_FLAGS=...), NAME_SECCOMP_GEN_FLAGS a table's
# (e.g. --include-map, --denylist, -n).

SECCOMP_GEN_CMD = $(SECCOMP_GEN) --arch $(SECCOMP_GEN_ARCH) $(AM_SECCOMP_GEN_FLAGS) $(SECCOMP_GEN_FLAGS)

# The program is a prerequisite of everything it makes: a new seccomp-gen,
# with new code or new syscall tables (they are built into it), remakes
# the filters.  Only when SECCOMP_GEN names a file: a bare command name
# would be a prerequisite that make cannot find.
SECCOMP_GEN_DEP = $(wildcard $(SECCOMP_GEN))

# The C file depends on every file the policy includes; -MD writes that
# list to foo-seccomp.d, read below, and -MP adds an empty rule for each
# included file, so that deleting one is not an error.
%-seccomp.c: %.policy $(SECCOMP_GEN_DEP)
	$(AM_V_GEN)$(SECCOMP_GEN_CMD) -MD -MP -o $@ $<

# The header holds only declarations, which come from the file names, so
# it depends on the policy itself and not on what it includes: editing an
# included file remakes the program without recompiling the header's users.
%-seccomp.h: %.policy $(SECCOMP_GEN_DEP)
	$(AM_V_GEN)$(SECCOMP_GEN_CMD) -f header -o $@ $<

# Each file of a list where VPATH would find it: in the build directory,
# else in $(srcdir).  ($^ cannot serve: it also holds every file the
# dependency file added, which are not policies to compile.)
seccomp_gen_find = $(foreach f,$(1),$(firstword $(wildcard $(f)) $(srcdir)/$(f)))

# NAME.c and NAME.h from $(NAME_POLICIES), for each NAME in
# SECCOMP_GEN_TABLES ($(2) is NAME made a variable name: sub/x-y -> sub_x_y).
define seccomp_gen_table_rules
$(1).c: $$($(2)_POLICIES) $$(SECCOMP_GEN_DEP)
	$$(AM_V_GEN)$$(SECCOMP_GEN_CMD) $$($(2)_SECCOMP_GEN_FLAGS) -MD -MP -o $$@ $$(call seccomp_gen_find,$$($(2)_POLICIES))
$(1).h: $$($(2)_POLICIES) $$(SECCOMP_GEN_DEP)
	$$(AM_V_GEN)$$(SECCOMP_GEN_CMD) $$($(2)_SECCOMP_GEN_FLAGS) -f header -o $$@ $$(call seccomp_gen_find,$$($(2)_POLICIES))
endef
seccomp_gen_var = $(subst /,_,$(subst .,_,$(subst -,_,$(1))))
$(foreach t,$(SECCOMP_GEN_TABLES),$(eval $(call seccomp_gen_table_rules,$(t),$(call seccomp_gen_var,$(t)))))

# Every generated C file this Makefile knows of: the tables, and the
# -seccomp.c files among its sources.
SECCOMP_GEN_OUTPUTS = $(sort $(SECCOMP_GEN_TABLES:=.c) $(filter %-seccomp.c,$(SOURCES) $(BUILT_SOURCES)))
SECCOMP_GEN_CLEANFILES = $(SECCOMP_GEN_OUTPUTS) $(SECCOMP_GEN_OUTPUTS:.c=.h) $(SECCOMP_GEN_OUTPUTS:.c=.d)

# The dependency files of the last run; missing before the first.
-include $(SECCOMP_GEN_OUTPUTS:.c=.d)
