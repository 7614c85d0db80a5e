// One measured run in its own process, so that its peak memory is its own:
//   node --import tsx pipeline/bench/child.ts ingest|baseline|baseline-text|reingest <data dir> <csv or folder> <db>
// Prints one JSON line: {seconds, rows, maxRssMb}. reingest times an ingest of files already loaded
// (the warehouse <db> holds them): hashing and comparing only.

import { DuckDBInstance } from "@duckdb/node-api";
import { dataFileRefs, findDataFiles } from "../files.ts";
import { loadRegistry } from "../registry/load.ts";
import { withConnection } from "../warehouse/db.ts";
import { ingest } from "../warehouse/ingest.ts";
import { peakRssMb } from "./peak.ts";

const [mode, dataDir, csv, db] = process.argv.slice(2) as [string, string, string, string];
const started = performance.now();
let rows = 0;
if (mode === "baseline" || mode === "baseline-text") {
  // DuckDB's own reader into a table of a DuckDB file: the engine's limit, with the column types given
  // (sniffing types can round values silently), and the dialect (a sniffer that sees no quote in its
  // sample takes quoted fields further on for errors). A file with values DuckDB cannot cast (1,234.5 · 约30:
  // the mixed-value file) is read with the value as text, "baseline-text".
  const instance = await DuckDBInstance.create(db);
  const c = await instance.connect();
  await c.run(
    `CREATE TABLE t AS SELECT * FROM read_csv($f, header = true, delim = ',', quote = '"', columns = {'indicator': 'VARCHAR', 'entity': 'VARCHAR', 'period': 'VARCHAR', 'value': '${mode === "baseline" ? "DOUBLE" : "VARCHAR"}', 'note': 'VARCHAR', 'source': 'VARCHAR'})`,
    { f: csv },
  );
  rows = Number((await c.runAndReadAll("SELECT count(*)::INTEGER AS n FROM t")).getRowObjectsJson()[0]!.n);
  c.closeSync();
  instance.closeSync();
} else if (mode === "reingest") {
  const { registry } = await loadRegistry(dataDir);
  const files = dataFileRefs(await findDataFiles([csv]));
  const t = performance.now();
  const r = await withConnection(db, (c) => ingest(c, { files, scope: [csv], registry: registry!, today: "2026-11-27", now: new Date("2026-11-27T00:00:00Z") }));
  if (r.added.length || r.changed.length) throw new Error("re-ingest: the files were not loaded before");
  rows = r.unchanged.length;
  process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - t) / 1000, rows, maxRssMb: peakRssMb() })}\n`);
  process.exit(0);
} else {
  const { registry } = await loadRegistry(dataDir);
  const files = dataFileRefs(await findDataFiles([csv]));
  const r = await withConnection(db, (c) => ingest(c, { files, scope: [csv], registry: registry!, today: "2026-11-27", now: new Date("2026-11-27T00:00:00Z") }));
  if (!r.ok) throw new Error(r.problems.slice(0, 3).map((p) => p.en).join("; "));
  rows = r.rowsAdded;
}
const seconds = (performance.now() - started) / 1000;
// CPU time too (all threads): on a machine whose cores are shared, it moves less than the wall clock.
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ seconds, rows, maxRssMb: peakRssMb(), cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
