#!/bin/sh
# Passes when a shared libmandate exports the public API and nothing else
# (src/exports.map, include/mandate/export.hpp): every dynamic symbol it
# defines is in namespace mandate and none is a detail; a few API functions
# must be there. Prints the count.
set -eu
library="$1"
symbols="$(nm -D --defined-only -C "$library" | cut -d' ' -f3-)"
count="$(printf '%s\n' "$symbols" | wc -l)"
stray="$(printf '%s\n' "$symbols" | grep -v -E '^((typeinfo|typeinfo name|vtable) for )?mandate::' || true)"
internal="$(printf '%s\n' "$symbols" | grep -E 'mandate::(detail|[a-z_]*_detail)::|::Impl::' || true)"
status=0
if [ -n "$stray" ]; then
  echo "exported outside namespace mandate:"; printf '%s\n' "$stray" | head -20; status=1
fi
if [ -n "$internal" ]; then
  echo "internals exported:"; printf '%s\n' "$internal" | head -20; status=1
fi
for api in 'mandate::version()' 'mandate::parse_and_check(' 'mandate::evaluate(' \
    'mandate::FactStore::add_events(' 'mandate::ResponsibilityGraph::escalate(' \
    'typeinfo for mandate::GraphLookupError'; do
  if ! printf '%s\n' "$symbols" | grep -q -F "$api"; then
    echo "not exported: $api"; status=1
  fi
done
echo "$library: $count exported symbols"
exit "$status"
