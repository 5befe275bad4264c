#!/bin/sh
# Batch driver for OpenDKIM's test mode (opendkim -t), written for mailauth4j's interop tests.
# OpenDKIM -t reports one verification line per message (the signature it evaluated).
# usage: opendkim_batch.sh CONF LISTFILE  -> "<file>\t<selector>\t<pass|fail>"
conf=$1; list=$2
while IFS= read -r f; do
  [ -n "$f" ] || continue
  opendkim -x "$conf" -t "$f" 2>&1 \
    | sed -n 's/.*verification (s=\([^ ,]*\)[, ].*) \(succeeded\|failed\).*/\2 \1/p' \
    | while read -r res sel; do
        [ "$res" = succeeded ] && res=pass || res=fail
        printf '%s\t%s\t%s\n' "$f" "$sel" "$res"
      done
done < "$list"
