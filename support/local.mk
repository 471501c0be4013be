# Support, the lowest floor: the arena every compilation allocates from,
# source files with located diagnostics (carets, notes, suggestions) and
# the set of keys already seen.  Every other folder may use it; it uses
# none of them.
libseccompgen_a_SOURCES += \
	support/arena.c support/arena.h \
	support/source.c support/source.h \
	support/keyset.c support/keyset.h
