# The policies the project ships, and the demo that embeds them: both
# policies go into one C file with a name-to-program table.
DEMO_POLICIES = policies/demo.policy policies/demo_device.policy
EXTRA_DIST += $(DEMO_POLICIES) policies/common_device.policy

policies/demo_filters.c: $(DEMO_POLICIES) policies/common_device.policy seccomp-gen$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) policies && \
	./seccomp-gen$(EXEEXT) -o $@ $(addprefix $(srcdir)/,$(DEMO_POLICIES))
policies/demo_filters.h: $(DEMO_POLICIES) policies/common_device.policy seccomp-gen$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) policies && \
	./seccomp-gen$(EXEEXT) -f header -o $@ $(addprefix $(srcdir)/,$(DEMO_POLICIES))
CLEANFILES += policies/demo_filters.c policies/demo_filters.h

noinst_PROGRAMS += policies/demo
policies_demo_SOURCES = policies/demo.c
nodist_policies_demo_SOURCES = policies/demo_filters.c policies/demo_filters.h
policies/demo.$(OBJEXT): policies/demo_filters.h

# `make demo` builds and runs it.
demo: policies/demo$(EXEEXT)
	./policies/demo$(EXEEXT)
.PHONY: demo
