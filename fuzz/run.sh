#!/bin/sh
# Run one harness for a while: ./fuzz/run.sh parser|check|fix SECONDS [WORKDIR]
# One process (-workers=1) at low priority; new inputs go to WORKDIR/corpus-NAME, crashes
# to WORKDIR/crashes/NAME-*, never into fuzz/corpus (the committed seeds).
set -eu
name=$1
seconds=$2
work=${3:-fuzz-work}
here=$(dirname "$0")
mkdir -p "$work/corpus-$name" "$work/crashes"
exec nice -n 10 python "$here/fuzz_$name.py" \
    -workers=1 -max_total_time="$seconds" -max_len=12000 -timeout=10 -rss_limit_mb=2048 \
    -dict="$here/plancheck.dict" -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$name-" \
    "$work/corpus-$name" "$here/corpus"
