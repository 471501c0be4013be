#!/bin/sh
# tests/trace.sh again with the ptrace recorder for every run (by
# default it runs the eBPF recorder where it can load).
SG_TRACE_RECORDER=ptrace
export SG_TRACE_RECORDER
exec ${SHELL:-/bin/sh} "${srcdir:-.}/tests/trace.sh"
