// `npm run bench`: how fast ftz is, measured in one run against DuckDB's own CSV reader as the
// baseline, on deterministic inputs; writes pipeline/bench/REPORT.md and report.json with the machine
// it ran on. Not part of `npm test`: timings belong in a report, never in a test's assertion.
//   BENCH_SIZES=10000,100000,1000000,3000000 (default) · BENCH_RUNS=5 (each ingest's median) · BENCH_SKIP_SITE=1 to leave out the site

import { execFile } from "node:child_process";
import { cpus, totalmem, platform, release } from "node:os";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { main } from "../cli/main.ts";
import { loadRegistry } from "../registry/load.ts";
import { computeStatus, targetIndicators, targetStatuses } from "../status/index.ts";
import { buildExport } from "../export/index.ts";
import { withConnection } from "../warehouse/db.ts";
import { readObservationHistory, readSnapshot } from "../warehouse/read.ts";
import { benchSite, siteReport, type SiteBench } from "./site.ts";
import { benchDataDir, writeGbkRows, writeRows } from "./dataset.ts";
import { benchCli, cliReport, type CliFigures } from "./cli.ts";
import { benchExport, exportReport, type ExportBench } from "./export.ts";
import { benchMixedIngest, mixedIngestReport, type MixedIngest } from "./ingest.ts";

const run = promisify(execFile);
const sizes = (process.env.BENCH_SIZES ?? "10000,100000,1000000,3000000").split(",").map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
/** The size the throughput target is judged at (the issue's 1 M rows), or the largest below it. */
const judged = Math.max(...sizes.filter((n) => n <= 1_000_000));
const tmp = await mkdtemp(join(tmpdir(), "ftz-bench-"));
const log = (t: string) => process.stderr.write(`${t}\n`);
type Measured = { seconds: number; rows: number; maxRssMb: number };
const child = async (...args: string[]) => JSON.parse((await run(process.execPath, ["--import", "tsx", "pipeline/bench/child.ts", ...args], { maxBuffer: 1 << 26 })).stdout) as Measured;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** Each side `runs` times, alternating, into a fresh database each time: the median time and peak memory. */
async function measure(mode: "baseline" | "ingest", data: string, csv: string, db: string, all: Measured[]): Promise<Measured> {
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  const m = await child(mode, data, csv, db);
  all.push(m);
  return m;
}

interface Result {
  machine: Record<string, string | number>;
  ingest: { rows: number; baselineRowsPerS: number; ftzRowsPerS: number; ratio: number; baselineMaxRssMb: number; ftzMaxRssMb: number }[];
  /** The judged size again, saved in GBK as Chinese Excel saves CSV, against DuckDB reading the UTF-8 file. */
  gbk?: { rows: number; baselineRowsPerS: number; ftzRowsPerS: number; ratio: number };
  /** Values as real files write them (decimals, separators, qualifiers): ingest.ts. */
  mixed?: MixedIngest[];
  reingest: { files: number; seconds: number };
  status: { observations: number; seconds: number; withTrendsSeconds: number; fromWarehouseSeconds: number };
  export: { observations: number; seconds: number };
  cli?: CliFigures;
  site?: SiteBench;
  exportBench?: ExportBench;
}

const { stdout: duckdbVersion } = await run(process.execPath, ["-e", "import('@duckdb/node-api').then(async m=>{const i=await m.DuckDBInstance.create(':memory:');const c=await i.connect();console.log((await c.runAndReadAll('select version() v')).getRowObjectsJson()[0].v)})"]);
const result: Result = {
  machine: {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    duckdb: duckdbVersion.trim(),
    date: new Date().toISOString().slice(0, 10),
  },
  ingest: [],
  reingest: { files: 0, seconds: 0 },
  status: { observations: 0, seconds: 0, withTrendsSeconds: 0, fromWarehouseSeconds: 0 },
  export: { observations: 0, seconds: 0 },
};

try {
  const data = await benchDataDir(tmp);
  const { registry } = await loadRegistry(data);

  // Validated ingest against DuckDB's read_csv, each in its own process (so peak memory is its own),
  // alternating, `runs` times each: machines share their cores, and a median is steadier than one run.
  let statusDb = "";
  for (const n of sizes) {
    const csv = join(tmp, `rows-${n}.csv`);
    await writeRows(csv, n);
    const base: Measured[] = [];
    const ftz: Measured[] = [];
    const db = join(tmp, `ftz-${n}.duckdb`);
    if (n === judged) statusDb = db; // the last run's warehouse stays for the status figures
    for (let k = 0; k < runs; k++) {
      await measure("baseline", data, csv, join(tmp, `base-${n}.duckdb`), base);
      await measure("ingest", data, csv, db, ftz);
    }
    await rm(join(tmp, `base-${n}.duckdb`), { force: true });
    if (n !== judged) await rm(db, { force: true });
    const b = { seconds: median(base.map((m) => m.seconds)), rows: base[0]!.rows, maxRssMb: median(base.map((m) => m.maxRssMb)) };
    const f = { seconds: median(ftz.map((m) => m.seconds)), rows: ftz[0]!.rows, maxRssMb: median(ftz.map((m) => m.maxRssMb)) };
    const row = {
      rows: n,
      baselineRowsPerS: Math.round(b.rows / b.seconds),
      ftzRowsPerS: Math.round(f.rows / f.seconds),
      ratio: Number((b.seconds / f.seconds).toFixed(3)),
      baselineMaxRssMb: b.maxRssMb,
      ftzMaxRssMb: f.maxRssMb,
    };
    result.ingest.push(row);
    log(`ingest ${n}: ${JSON.stringify(row)}`);
    if (n === judged) {
      // The same rows in GBK: DuckDB cannot read GBK, so its reading of the UTF-8 file is the baseline.
      const gbk = join(tmp, `rows-${n}-gbk.csv`);
      await writeGbkRows(csv, gbk);
      const g: Measured[] = [];
      for (let k = 0; k < runs; k++) await measure("ingest", data, gbk, join(tmp, `gbk-${n}.duckdb`), g);
      const seconds = median(g.map((m) => m.seconds));
      result.gbk = { rows: n, baselineRowsPerS: row.baselineRowsPerS, ftzRowsPerS: Math.round(g[0]!.rows / seconds), ratio: Number((n / row.baselineRowsPerS / seconds).toFixed(3)) };
      await rm(gbk, { force: true });
      await rm(join(tmp, `gbk-${n}.duckdb`), { force: true });
      log(`ingest ${n} in GBK: ${JSON.stringify(result.gbk)}`);
    }
    await rm(csv, { force: true });
  }

  result.mixed = await benchMixedIngest(tmp, data, sizes.filter((n) => n >= 100_000 && n <= 1_000_000), runs, log);

  // Re-ingest of 100 unchanged files: hashing and comparing only.
  const many = join(tmp, "many");
  await run("mkdir", ["-p", many]);
  for (let i = 0; i < 100; i++) await writeRows(join(many, `f${String(i).padStart(3, "0")}.csv`), 1000, 5_000_000 + i * 1000, i / 100);
  const manyDb = join(tmp, "many.duckdb");
  await child("ingest", data, many, manyDb); // loads them
  // Then, each in a process of its own as `ftz ingest` runs: the time from the file list to the answer.
  const again: Measured[] = [];
  for (let k = 0; k < runs; k++) again.push(await child("reingest", data, many, manyDb));
  result.reingest = { files: again[0]!.rows, seconds: Number(median(again.map((m) => m.seconds)).toFixed(3)) };
  log(`re-ingest: ${JSON.stringify(result.reingest)}`);

  // Every target's status on the largest warehouse (the engine alone; reading is reported apart).
  const snapshot = await withConnection(statusDb, (c) => readSnapshot(c), { readOnly: true });
  const input = { registry: registry!, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf: "2026-11-27" };
  const t1 = performance.now();
  targetStatuses(input);
  const targetsOnly = (performance.now() - t1) / 1000;
  const t1b = performance.now();
  computeStatus(input);
  const withTrends = (performance.now() - t1b) / 1000;
  // From the warehouse, as a status command can: SQL reads only the targets' indicators, then the engine.
  const fromWarehouse = await withConnection(statusDb, async (c) => {
    const t = performance.now();
    const s = await readSnapshot(c, undefined, { indicators: targetIndicators(registry!) });
    targetStatuses({ ...input, observations: s.observations, itemStatuses: s.itemStatuses });
    return (performance.now() - t) / 1000;
  }, { readOnly: true });
  result.status = { observations: snapshot.observations.length, seconds: Number(targetsOnly.toFixed(3)), withTrendsSeconds: Number(withTrends.toFixed(3)), fromWarehouseSeconds: Number(fromWarehouse.toFixed(3)) };
  log(`status: ${JSON.stringify(result.status)}`);

  // `ftz status` and `ftz export` as whole processes on 1 M observations, and what each page loads.
  result.exportBench = await benchExport(tmp, Math.min(runs, 3), 1_000_000, log);

  // Export and site on the shipped sample data.
  const sampleDb = join(tmp, "sample.duckdb");
  const io = { out: () => {}, err: log, cwd: process.cwd() };
  await main(["ingest", "data/sample", "--db", sampleDb, "--today", "2026-11-27"], io);
  const { registry: real } = await loadRegistry("data");
  const t2 = performance.now();
  const sample = await withConnection(sampleDb, async (c) => {
    const s = await readSnapshot(c);
    buildExport({ registry: real!, snapshot: s, asOf: "2026-11-27", validation: { files: 0, rows: 0, problems: [] }, history: await readObservationHistory(c) });
    return s;
  }, { readOnly: true });
  result.export = { observations: sample.observations.length, seconds: Number(((performance.now() - t2) / 1000).toFixed(3)) };
  log(`export: ${JSON.stringify(result.export)}`);

  result.cli = await benchCli(runs);
  log(`cli: ${JSON.stringify(result.cli)}`);

  if (!process.env.BENCH_SKIP_SITE) result.site = await benchSite(log);

  await writeFile("pipeline/bench/report.json", `${JSON.stringify(result, null, 2)}\n`);
  await writeFile("pipeline/bench/REPORT.md", report(result));
  log("wrote pipeline/bench/REPORT.md and report.json");
} finally {
  await rm(tmp, { recursive: true, force: true });
}

function report(r: Result): string {
  const m = r.machine;
  const at = r.ingest.find((x) => x.rows === judged) ?? r.ingest.at(-1);
  const largest = r.ingest.at(-1);
  const own = (x: Result["ingest"][number]) => x.ftzMaxRssMb - x.baselineMaxRssMb; // memory ftz needs beyond DuckDB's own
  const ownGrowth = at && largest && largest !== at ? own(largest) / Math.max(own(at), 1) : 1;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const ratioMet = (at?.ratio ?? 0) >= 0.5;
  const lines = [
    "# Benchmark report",
    "",
    `Made by \`npm run bench\` on ${m.date}: ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, DuckDB ${m.duckdb}.`,
    "Inputs are generated deterministically (pipeline/bench/dataset.ts): analysts' long format, one row per",
    `(synthetic indicator, park, day). Each ingest runs in its own process, so peak memory (max RSS) is its own; each`,
    `side runs ${runs} times, alternating, into a fresh database, and the table gives the medians.`,
    "",
    "## Validated ingest against DuckDB's own read_csv",
    "",
    "The baseline is DuckDB reading the same file into a table (`CREATE TABLE AS SELECT * FROM read_csv(…)`, types given).",
    "ftz's figure is the whole `ingest`: reading the registry, hashing and scanning the file, validating every row,",
    "loading it with its origin into a new revision, the checks across files (duplicates, outliers), and the commit.",
    "",
    "| rows | DuckDB read_csv rows/s | ftz ingest rows/s | ratio ftz / DuckDB | DuckDB max RSS | ftz max RSS | ftz beyond DuckDB's own |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...r.ingest.map((x) => `| ${x.rows.toLocaleString("en")} | ${x.baselineRowsPerS.toLocaleString("en")} | ${x.ftzRowsPerS.toLocaleString("en")} | ${x.ratio} | ${x.baselineMaxRssMb} MB | ${x.ftzMaxRssMb} MB | ${own(x)} MB |`),
    ...(r.gbk
      ? [
          "",
          `The same ${r.gbk.rows.toLocaleString("en")} rows saved in GBK, as Chinese Excel saves CSV (written out as UTF-8 first, then the same way): ` +
            `${r.gbk.ftzRowsPerS.toLocaleString("en")} rows/s, ${r.gbk.ratio}× DuckDB's read_csv of the UTF-8 file (DuckDB does not read GBK).`,
        ]
      : []),
    "",
    ...(r.mixed ? mixedIngestReport(r.mixed, runs) : []),
    "## Against the targets",
    "",
    "| target | measured | verdict |",
    "|---|---|---|",
    `| validated ingest ≥ 0.5× read_csv at 1 M rows | ${at ? `${at.ratio}× at ${at.rows.toLocaleString("en")} rows` : "—"} | ${verdict(ratioMet)} |`,
    `| peak memory that does not grow with the file | ${at && largest ? `beyond DuckDB's own: ${own(at)} MB at ${at.rows.toLocaleString("en")} rows, ${own(largest)} MB at ${largest.rows.toLocaleString("en")} (${ownGrowth.toFixed(2)}×)` : "—"} | ${verdict(ownGrowth < 1.25)} |`,
    `| unchanged re-ingest of 100 files ≤ 0.2 s | ${r.reingest.seconds} s (${r.reingest.files} files, median of ${runs}) | ${verdict(r.reingest.seconds <= 0.2)} |`,
    `| every target's status ≤ 50 ms on 1 M observations (from the warehouse: SQL reads the targets' rows, then the engine) | ${(r.status.fromWarehouseSeconds * 1000).toFixed(0)} ms on a warehouse of ${r.status.observations.toLocaleString("en")} | ${verdict(r.status.fromWarehouseSeconds <= 0.05)} |`,
    `| the same with all 1 M observations already in memory (the engine grouping them itself) | ${(r.status.seconds * 1000).toFixed(0)} ms | ${verdict(r.status.seconds <= 0.05)} |`,
    "",
    "The first status figure answers \"every target's status\" as the warehouse allows: SQL reads the targets' indicators,",
    "then the engine. The second starts from all million observations in memory and groups them in JavaScript. `ftz status`",
    "also labels the trend of every indicator without a target, so it reads them all (the figure below).",
    "",
    `With the trend labels of all ${r.status.observations ? "the registry's" : ""} indicators that have no target (the synthetic ones hold the million rows): ${(r.status.withTrendsSeconds * 1000).toFixed(0)} ms.`,
    "",
    `Export of the sample data (${r.export.observations} observations, statuses for every quarter's end): ${r.export.seconds} s.`,
    "",
    "How ingest reaches the engine's speed: a file that DuckDB's reader cannot read differently from ours (plain",
    "UTF-8, one record a line; pipeline/warehouse/scan.ts decides in one streaming pass that also hashes it) is parsed by",
    "DuckDB into a staging table; the JavaScript rules run once on each distinct indicator–entity pair, period and",
    "sample flag; SQL loads the rows whose every cell they found clean, and the rules read every other row themselves,",
    "so problems are worded and located as for any file (tests/warehouse/setload.test.ts proves both ways equal on the",
    "whole fixture corpus and on random files). The time left above DuckDB's own is mostly the insert itself: every",
    "row is written with its origin (file, line, column, content hash) and revision, 17 columns against the baseline's 6.",
    ratioMet
      ? ""
      : `The throughput target is missed by ${at ? ((0.5 - at.ratio) * 100).toFixed(1) : "?"} points: ftz needs ${at ? (at.rows / at.ftzRowsPerS).toFixed(2) : "?"} s where 0.5× would allow ${at ? ((2 * at.rows) / at.baselineRowsPerS).toFixed(2) : "?"} s.`,
    "",
    "Memory: the JavaScript side holds one 1 MB chunk of a file at a time, and DuckDB works within FTZ_MEMORY_LIMIT",
    "(256 MB unless set), spilling beside the warehouse. A process's peak still rises with the file, as it does when",
    "DuckDB's own read_csv loads it (the DuckDB column: its insert and allocator hold more as the table grows). The last",
    "column is what ftz needs beyond that, and the target is judged on it.",
    "",
  ];
  if (r.exportBench) lines.push(...exportReport(r.exportBench));
  if (r.cli) lines.push(...cliReport(r.cli));
  if (r.site) lines.push(...siteReport(r.site));
  return `${lines.join("\n")}\n`;
}
