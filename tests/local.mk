# The test suite.  Every test prints TAP.
EXTRA_DIST += tests/tap.h

TESTS += tests/decisions.sh
EXTRA_DIST += tests/decisions.sh tests/decisions/README.md
