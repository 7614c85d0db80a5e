# The warehouse on a 1 MB file system (a tmpfs in a mount namespace of its own: run under `unshare -m`,
# as root), filled up between two ingests. From the project root: bash disk-full.sh MOUNT OUT
set -u
M=$1 OUT=$2
ftz() { node bin/ftz.js "$@" --db "$M/w.duckdb" --today 2026-11-27; }
mount -t tmpfs -o size=1m tmpfs "$M"
mkdir "$OUT/in" && cp data/sample/zone_indicators.csv "$OUT/in/"
ftz ingest "$OUT/in" >"$OUT/first.out" 2>&1; echo $? >"$OUT/first.rc"
ftz status --json --as-of 2026-11-27 >"$OUT/before.json"
cp data/sample/foreign_trade_value.csv "$OUT/in/"
dd if=/dev/zero of="$M/filler" bs=4k 2>/dev/null
ftz ingest "$OUT/in" >"$OUT/full.out" 2>"$OUT/full.err"; echo $? >"$OUT/full.rc"
rm "$M/filler"
ftz status --json --as-of 2026-11-27 >"$OUT/after.json"
