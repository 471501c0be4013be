# The front end: text -> tokens -> tree.  The scanner and parser are
# generated into the build directory and never committed.
libseccompgen_a_SOURCES += \
	grammar/ast.h grammar/parse.h \
	grammar/load.c grammar/load.h
nodist_libseccompgen_a_SOURCES += grammar/parser.c grammar/parser.h grammar/scanner.c
BUILT_SOURCES += grammar/parser.c grammar/parser.h grammar/scanner.c
CLEANFILES += grammar/parser.c grammar/parser.h grammar/scanner.c
EXTRA_DIST += grammar/parser.y grammar/scanner.l

# bison's warnings are errors; %expect 0 in the grammar makes any conflict one.
grammar/parser.c: $(srcdir)/grammar/parser.y
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(BISON) -Wall -Werror --defines=grammar/parser.h -o grammar/parser.c $(srcdir)/grammar/parser.y
grammar/parser.h: grammar/parser.c
	@test -f $@ || { rm -f grammar/parser.c; $(MAKE) $(AM_MAKEFLAGS) grammar/parser.c; }
grammar/scanner.c: $(srcdir)/grammar/scanner.l grammar/parser.h
	$(AM_V_GEN)$(MKDIR_P) grammar && $(FLEX) -o grammar/scanner.c $(srcdir)/grammar/scanner.l

# flex's skeleton trips some of our warnings; the scanner is generated code.
grammar/libseccompgen_a-scanner.$(OBJEXT): CFLAGS += -Wno-sign-compare -Wno-unused-function -Wno-missing-prototypes

# JSON: a second reentrant scanner and pure parser (prefix sg_json_yy) for
# the front ends that read JSON, and the seccompiler front end on top.
libseccompgen_a_SOURCES += \
	grammar/json.h grammar/json-parse.h \
	grammar/seccompiler.c grammar/seccompiler.h \
	grammar/oci.c grammar/oci.h
nodist_libseccompgen_a_SOURCES += grammar/json-parser.c grammar/json-parser.h grammar/json-scanner.c
BUILT_SOURCES += grammar/json-parser.c grammar/json-parser.h grammar/json-scanner.c
CLEANFILES += grammar/json-parser.c grammar/json-parser.h grammar/json-scanner.c
EXTRA_DIST += grammar/json.y grammar/json.l

grammar/json-parser.c: $(srcdir)/grammar/json.y
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(BISON) -Wall -Werror --defines=grammar/json-parser.h -o grammar/json-parser.c $(srcdir)/grammar/json.y
grammar/json-parser.h: grammar/json-parser.c
	@test -f $@ || { rm -f grammar/json-parser.c; $(MAKE) $(AM_MAKEFLAGS) grammar/json-parser.c; }
grammar/json-scanner.c: $(srcdir)/grammar/json.l grammar/json-parser.h
	$(AM_V_GEN)$(MKDIR_P) grammar && $(FLEX) -o grammar/json-scanner.c $(srcdir)/grammar/json.l
