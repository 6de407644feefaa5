#!/bin/sh
# expect.sh [--stdout=FILE] CODE REGEX COMMAND ARGS...
# Runs COMMAND; passes when it exits with CODE and a line of its output
# (stdout and stderr, or stderr alone with --stdout) matches the extended
# regular expression REGEX. With --stdout=FILE, standard output goes to FILE
# (/dev/full: a full disk).
stdout=
case "$1" in --stdout=*) stdout="${1#--stdout=}"; shift ;; esac
code="$1"
regex="$2"
shift 2
if [ -n "$stdout" ]; then
  out=$("$@" 2>&1 >"$stdout")
else
  out=$("$@" 2>&1)
fi
status=$?
printf '%s\n' "$out"
if [ "$status" -ne "$code" ]; then
  echo "expect.sh: exit code $status, expected $code" >&2
  exit 1
fi
if ! printf '%s\n' "$out" | grep -E -q -- "$regex"; then
  echo "expect.sh: no line matches: $regex" >&2
  exit 1
fi
