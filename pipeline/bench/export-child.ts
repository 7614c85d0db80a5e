// One measured run of the export side in its own process, as `ftz status` / `ftz export` will run it:
//   node --import tsx pipeline/bench/export-child.ts status|export|reference <data dir> <db> [out]
// status: statusFromWarehouse at 2026-11-27, the report serialised · export: writeExport into <out> ·
// reference: open the warehouse and run one GROUP BY over every observation (the floor status is held to).
// Prints one JSON line: {seconds, maxRssMb, cpuSeconds}; the parent also times the whole process.

import { DuckDBInstance } from "@duckdb/node-api";
import { loadRegistry } from "../registry/load.ts";
import { peakRssMb } from "./peak.ts";

const [mode, dataDir, db, out] = process.argv.slice(2) as [string, string, string, string | undefined];
const started = performance.now();
const asOf = "2026-11-27";
if (mode === "reference") {
  const instance = await DuckDBInstance.create(db, { access_mode: "READ_ONLY" });
  const c = await instance.connect();
  await c.runAndReadAll("SELECT indicator, entity, count(*) AS n, sum(value) AS total FROM observations GROUP BY indicator, entity");
  c.closeSync();
  instance.closeSync();
} else if (mode === "status") {
  // Each side imports what its command imports (cli/main.ts loads one command's module): status never loads the export's.
  const { statusFromWarehouse } = await import("../warehouse/aggregates.ts");
  const { registry } = await loadRegistry(dataDir);
  const { report } = await statusFromWarehouse({ db, registry: registry!, asOf });
  JSON.stringify(report);
} else {
  const { writeExport } = await import("../export/site.ts");
  await writeExport({ dataDir, db, asOf, today: asOf, out: out! });
}
// CPU time of every thread (DuckDB's too): on a shared machine it moves less than the wall clock.
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRssMb: peakRssMb(), cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
