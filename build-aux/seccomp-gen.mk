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
# The rules need GNU make 4.0 or later.
#
# One policy, one program (foo_filter), from foo.policy:
#
#     nodist_app_SOURCES = foo-seccomp.c foo-seccomp.h
#     BUILT_SOURCES = foo-seccomp.h
#
# Several policies in one file, with a name-to-program table named after
# the table (here sandbox_filters[] in sandbox.c; --table in the table's
# flags names it otherwise):
#
#     SECCOMP_GEN_TABLES = sandbox
#     sandbox_POLICIES = main.policy worker.policy
#     nodist_app_SOURCES = sandbox.c sandbox.h
#     BUILT_SOURCES = sandbox.h
#
# and in both cases
#
#     CLEANFILES = $(SECCOMP_GEN_CLEANFILES)
#     EXTRA_DIST = the .policy files, included ones too
#
# The generated names end in -seccomp so that a rule never overwrites a
# hand-written foo.c that sits beside foo.policy.  A foo-seccomp.c or .h
# gets its rules when it is among the sources or BUILT_SOURCES.
#
# Flags: AM_SECCOMP_GEN_FLAGS is the project's, SECCOMP_GEN_FLAGS the
# user's (make SECCOMP_GEN_FLAGS=...), NAME_SECCOMP_GEN_FLAGS a table's,
# foo_SECCOMP_GEN_FLAGS foo-seccomp.c's (e.g. --include-map, --denylist, -n).
#
# Every output is remade when anything that decides it changes: the
# policies and the files they include (seccomp-gen -MD writes them to
# OUTPUT.d), the program (a prerequisite when SECCOMP_GEN names a file),
# and the command line: the arch, every flag, the list of policies.  As
# Kbuild's if_changed does, each run records its command in OUTPUT.cmd,
# and when the command make would run now differs from the recorded one,
# the output gets a phony prerequisite that forces it to be remade.  A
# second make with nothing changed runs nothing.

SECCOMP_GEN_CMD = $(SECCOMP_GEN) --arch $(SECCOMP_GEN_ARCH) $(AM_SECCOMP_GEN_FLAGS) $(SECCOMP_GEN_FLAGS)

# The program is a prerequisite of everything it makes: a new seccomp-gen,
# with new code or new syscall tables (they are built into it), remakes
# the filters.  Only when SECCOMP_GEN names a file: a bare command name
# would be a prerequisite that make cannot find.
SECCOMP_GEN_DEP = $(wildcard $(SECCOMP_GEN))

# Each file of a list where VPATH would find it: in the build directory,
# else in $(srcdir).  ($^ cannot serve: it also holds every file the
# dependency file added, which are not policies to compile.)
seccomp_gen_find = $(foreach f,$(1),$(firstword $(wildcard $(f)) $(srcdir)/$(f)))
seccomp_gen_var = $(subst /,_,$(subst .,_,$(subst -,_,$(1))))

# Every generated C file this Makefile knows of: the tables, and the
# -seccomp.c files (or headers) among its sources.
seccomp_gen_singles = $(sort $(patsubst %-seccomp.h,%,$(patsubst %-seccomp.c,%,$(filter %-seccomp.c %-seccomp.h,$(SOURCES) $(BUILT_SOURCES)))))
SECCOMP_GEN_OUTPUTS = $(sort $(SECCOMP_GEN_TABLES:=.c) $(seccomp_gen_singles:=-seccomp.c))
SECCOMP_GEN_CLEANFILES = $(SECCOMP_GEN_OUTPUTS) $(SECCOMP_GEN_OUTPUTS:.c=.h) $(SECCOMP_GEN_OUTPUTS:.c=.d) \
	$(SECCOMP_GEN_OUTPUTS:=.cmd) $(SECCOMP_GEN_OUTPUTS:.c=.h.cmd)

# Two command lines compared as make words: spaces and % escaped, so that
# filter-out compares them whole and literally.
seccomp_gen_empty :=
seccomp_gen_space := $(seccomp_gen_empty) $(seccomp_gen_empty)
seccomp_gen_pound := \#
seccomp_gen_word = $(subst %,@sg_pct@,$(subst $(seccomp_gen_space),@sg_sp@,$(strip $(1))))
seccomp_gen_differ = $(if $(strip $(2)),$(filter-out $(call seccomp_gen_word,$(1)),$(call seccomp_gen_word,$(2)))$(filter-out $(call seccomp_gen_word,$(2)),$(call seccomp_gen_word,$(1))),new)
# seccomp-gen-cmd-changed when OUTPUT's command is not the recorded one.
seccomp_gen_force = $(if $(call seccomp_gen_differ,$(seccomp_gen_cmd_$(1)),$(seccomp_gen_savedcmd_$(1))),seccomp-gen-cmd-changed)
# The recipe: run the command, then record it, written as make reads it
# back ($ doubled, # as a variable) inside the shell's single quotes.
seccomp_gen_mkesc = $(subst ','\'',$(subst $(seccomp_gen_pound),$$(seccomp_gen_pound),$(subst $$,$$$$,$(1))))
seccomp_gen_run = $(seccomp_gen_cmd_$(1)) && \
	printf '%s\n' 'seccomp_gen_savedcmd_$(1) := $(call seccomp_gen_mkesc,$(seccomp_gen_cmd_$(1)))' >$(1).cmd.tmp && \
	mv -f $(1).cmd.tmp $(1).cmd
seccomp-gen-cmd-changed:
.PHONY: seccomp-gen-cmd-changed

# The command lines of the last runs (seccomp_gen_savedcmd_OUTPUT), and
# the dependency files; none before the first run.  (After
# seccomp_gen_pound, which the recorded commands use.)
-include $(wildcard $(SECCOMP_GEN_OUTPUTS:=.cmd) $(SECCOMP_GEN_OUTPUTS:.c=.h.cmd))
-include $(SECCOMP_GEN_OUTPUTS:.c=.d)


# $(1).c and $(1).h from the policies $(3), with flags $(4).
#
# The C file depends on every file the policy includes; -MD writes that
# list to $(1).d, read above, and -MP adds an empty rule for each
# included file, so that deleting one is not an error.
#
# The header holds only declarations, which come from the file names, so
# it depends on the policies themselves and not on what they include:
# editing an included file remakes the program without recompiling the
# header's users.
define seccomp_gen_rules
seccomp_gen_cmd_$(1).c = $$(SECCOMP_GEN_CMD) $(4) -MD -MP -o $(1).c $$(call seccomp_gen_find,$(3))
seccomp_gen_cmd_$(1).h = $$(SECCOMP_GEN_CMD) $(4) -f header -o $(1).h $$(call seccomp_gen_find,$(3))
$(1).c: $(3) $$(SECCOMP_GEN_DEP) $$(call seccomp_gen_force,$(1).c)
	$$(AM_V_GEN)$$(call seccomp_gen_run,$(1).c)
$(1).h: $(3) $$(SECCOMP_GEN_DEP) $$(call seccomp_gen_force,$(1).h)
	$$(AM_V_GEN)$$(call seccomp_gen_run,$(1).h)
endef

# NAME.c and NAME.h from $(NAME_POLICIES), for each NAME in
# SECCOMP_GEN_TABLES, with the table NAME_filters[] ($(NAME) made a
# variable name: sub/x-y -> sub_x_y).
$(foreach t,$(SECCOMP_GEN_TABLES),$(eval $(call seccomp_gen_rules,$(t),$(call seccomp_gen_var,$(t)),$$($(call seccomp_gen_var,$(t))_POLICIES),--table $(call seccomp_gen_var,$(t)) $$($(call seccomp_gen_var,$(t))_SECCOMP_GEN_FLAGS))))
# foo-seccomp.c and foo-seccomp.h from foo.policy.
$(foreach s,$(seccomp_gen_singles),$(eval $(call seccomp_gen_rules,$(s)-seccomp,,$(s).policy,$$($(call seccomp_gen_var,$(notdir $(s)))_SECCOMP_GEN_FLAGS))))
