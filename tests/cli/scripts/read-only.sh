# A warehouse and a data folder on a file system made read-only after the first ingest (a tmpfs in a
# mount namespace of its own: run under `unshare -m`, as root, who ignores file modes). From the
# project root: bash read-only.sh MOUNT OUT
set -u
M=$1 OUT=$2
ftz() { node bin/ftz.js "$@" --db "$M/w.duckdb" --today 2026-11-27; }
mount -t tmpfs -o size=8m tmpfs "$M"
mkdir "$M/data" && cp -r data/reference data/indicators.yml "$M/data/"
ftz ingest data/sample/zone_indicators.csv >"$OUT/first.out" 2>&1; echo $? >"$OUT/first.rc"
ftz status --json --as-of 2026-11-27 >"$OUT/before.json"
mount -o remount,ro "$M"
ftz ingest data/sample/zone_indicators.csv data/sample/foreign_trade_value.csv >"$OUT/ingest.out" 2>"$OUT/ingest.err"; echo $? >"$OUT/ingest.rc"
ftz status --json --as-of 2026-11-27 >"$OUT/after.json" 2>"$OUT/after.err"
ftz export --data "$M/data" --as-of 2026-11-27 >"$OUT/export.out" 2>"$OUT/export.err"; echo $? >"$OUT/export.rc"
ls -A "$M/data" >"$OUT/data.ls"
