// `npm run bench`: how fast ftz is, measured in one run against DuckDB's own CSV reader as the
// baseline, on deterministic inputs; writes pipeline/bench/REPORT.md and report.json with the machine
// it ran on. Not part of `npm test`: timings belong in a report, never in a test's assertion.
//   BENCH_SIZES=10000,100000,1000000 (default) · BENCH_SKIP_SITE=1 to leave out the site

import { execFile } from "node:child_process";
import { cpus, totalmem, platform, release } from "node:os";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { main } from "../cli.ts";
import { findDataFiles, readDataFiles } from "../files.ts";
import { loadRegistry } from "../registry/load.ts";
import { computeStatus, targetIndicators, targetStatuses } from "../status/index.ts";
import { buildExport } from "../export/index.ts";
import { withConnection } from "../warehouse/db.ts";
import { ingest } from "../warehouse/ingest.ts";
import { readObservationHistory, readSnapshot } from "../warehouse/read.ts";
import { builtPages, launchChromium, measurePage } from "../site/measure.ts";
import { serve } from "../site/serve.ts";
import { benchDataDir, writeRows } from "./dataset.ts";

const run = promisify(execFile);
const sizes = (process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const tmp = await mkdtemp(join(tmpdir(), "ftz-bench-"));
const log = (t: string) => process.stderr.write(`${t}\n`);
const child = async (...args: string[]) => JSON.parse((await run(process.execPath, ["--import", "tsx", "pipeline/bench/child.ts", ...args], { maxBuffer: 1 << 26 })).stdout) as { seconds: number; rows: number; maxRssMb: number };

interface Result {
  machine: Record<string, string | number>;
  ingest: { rows: number; baselineRowsPerS: number; ftzRowsPerS: number; ratio: number; baselineMaxRssMb: number; ftzMaxRssMb: number }[];
  reingest: { files: number; seconds: number };
  status: { observations: number; seconds: number; withTrendsSeconds: number; fromWarehouseSeconds: number };
  export: { observations: number; seconds: number };
  site?: { buildSeconds: number; pages: { route: string; bytes: number; requests: number; firstChartMs: number | null }[] };
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

  // Validated ingest against DuckDB's read_csv, each in its own process (so peak memory is its own).
  let largestDb = "";
  for (const n of sizes) {
    const csv = join(tmp, `rows-${n}.csv`);
    await writeRows(csv, n);
    const base = await child("baseline", data, csv, join(tmp, `base-${n}.duckdb`));
    largestDb = join(tmp, `ftz-${n}.duckdb`);
    const ftz = await child("ingest", data, csv, largestDb);
    const row = {
      rows: n,
      baselineRowsPerS: Math.round(base.rows / base.seconds),
      ftzRowsPerS: Math.round(ftz.rows / ftz.seconds),
      ratio: Number((base.seconds / ftz.seconds).toFixed(3)),
      baselineMaxRssMb: base.maxRssMb,
      ftzMaxRssMb: ftz.maxRssMb,
    };
    result.ingest.push(row);
    log(`ingest ${n}: ${JSON.stringify(row)}`);
  }

  // Re-ingest of 100 unchanged files: hashing and comparing only.
  const many = join(tmp, "many");
  await run("mkdir", ["-p", many]);
  for (let i = 0; i < 100; i++) await writeRows(join(many, `f${String(i).padStart(3, "0")}.csv`), 1000, 5_000_000 + i * 1000, i / 100);
  const manyDb = join(tmp, "many.duckdb");
  const load = async () => {
    const files = await readDataFiles(await findDataFiles([many]));
    return withConnection(manyDb, (c) => ingest(c, { files, scope: [many], registry: registry!, today: "2026-11-27", now: new Date() }));
  };
  await load();
  const t0 = performance.now();
  const again = await load();
  result.reingest = { files: again.unchanged.length, seconds: Number(((performance.now() - t0) / 1000).toFixed(3)) };
  log(`re-ingest: ${JSON.stringify(result.reingest)}`);

  // Every target's status on the largest warehouse (the engine alone; reading is reported apart).
  const snapshot = await withConnection(largestDb, (c) => readSnapshot(c), { readOnly: true });
  const input = { registry: registry!, observations: snapshot.observations, itemStatuses: snapshot.itemStatuses, asOf: "2026-11-27" };
  const t1 = performance.now();
  targetStatuses(input);
  const targetsOnly = (performance.now() - t1) / 1000;
  const t1b = performance.now();
  computeStatus(input);
  const withTrends = (performance.now() - t1b) / 1000;
  // From the warehouse, as a status command can: SQL reads only the targets' indicators, then the engine.
  const fromWarehouse = await withConnection(largestDb, async (c) => {
    const t = performance.now();
    const s = await readSnapshot(c, undefined, { indicators: targetIndicators(registry!) });
    targetStatuses({ ...input, observations: s.observations, itemStatuses: s.itemStatuses });
    return (performance.now() - t) / 1000;
  }, { readOnly: true });
  result.status = { observations: snapshot.observations.length, seconds: Number(targetsOnly.toFixed(3)), withTrendsSeconds: Number(withTrends.toFixed(3)), fromWarehouseSeconds: Number(fromWarehouse.toFixed(3)) };
  log(`status: ${JSON.stringify(result.status)}`);

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

  if (!process.env.BENCH_SKIP_SITE) {
    const out = join(tmp, "dist");
    const t3 = performance.now();
    await run(process.execPath, ["--import", "tsx", "pipeline/site/observable.ts", "build"], { env: { ...process.env, FTZ_WAREHOUSE: sampleDb, FTZ_AS_OF: "2026-11-27", FTZ_SITE_OUT: out, OBSERVABLE_TELEMETRY_DISABLE: "true" }, maxBuffer: 1 << 26 });
    const buildSeconds = Number(((performance.now() - t3) / 1000).toFixed(1));
    const { server, url } = await serve(out, 0);
    const browser = await launchChromium();
    const pages = [];
    for (const p of builtPages(out).filter((p) => p.route.startsWith("/zh/") || p.route.startsWith("/en/"))) {
      const m = await measurePage(browser, new URL(p.route.slice(1), url).href);
      pages.push({ route: p.route, bytes: m.bytes, requests: m.requests, firstChartMs: m.firstChartMs });
    }
    await browser.close();
    server.close();
    result.site = { buildSeconds, pages };
    log(`site: built in ${buildSeconds} s, ${pages.length} pages measured`);
  }

  await writeFile("pipeline/bench/report.json", `${JSON.stringify(result, null, 2)}\n`);
  await writeFile("pipeline/bench/REPORT.md", report(result));
  log("wrote pipeline/bench/REPORT.md and report.json");
} finally {
  await rm(tmp, { recursive: true, force: true });
}

function report(r: Result): string {
  const m = r.machine;
  const largest = r.ingest.at(-1);
  const growth = r.ingest.length > 1 ? r.ingest.at(-1)!.ftzMaxRssMb / r.ingest[0]!.ftzMaxRssMb : 1;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const lines = [
    "# Benchmark report",
    "",
    `Made by \`npm run bench\` on ${m.date}: ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, DuckDB ${m.duckdb}.`,
    "Inputs are generated deterministically (pipeline/bench/dataset.ts): analysts' long format, one row per",
    "(synthetic indicator, park, day). Each ingest runs in its own process, so peak memory (max RSS) is its own.",
    "",
    "## Validated ingest against DuckDB's own read_csv",
    "",
    "| rows | DuckDB read_csv rows/s | ftz ingest rows/s | ratio ftz / DuckDB | DuckDB max RSS | ftz max RSS |",
    "|---:|---:|---:|---:|---:|---:|",
    ...r.ingest.map((x) => `| ${x.rows.toLocaleString("en")} | ${x.baselineRowsPerS.toLocaleString("en")} | ${x.ftzRowsPerS.toLocaleString("en")} | ${x.ratio} | ${x.baselineMaxRssMb} MB | ${x.ftzMaxRssMb} MB |`),
    "",
    "## Against the targets",
    "",
    "| target | measured | verdict |",
    "|---|---|---|",
    `| validated ingest ≥ 0.5× read_csv at the largest size | ${largest ? `${largest.ratio}× at ${largest.rows.toLocaleString("en")} rows` : "—"} | ${verdict((largest?.ratio ?? 0) >= 0.5)} |`,
    `| peak memory does not grow with the file | ${growth.toFixed(1)}× from the smallest to the largest file | ${verdict(growth < 2)} |`,
    `| unchanged re-ingest of 100 files ≤ 0.2 s | ${r.reingest.seconds} s (${r.reingest.files} files) | ${verdict(r.reingest.seconds <= 0.2)} |`,
    `| every target's status ≤ 50 ms on 1 M observations (from the warehouse: SQL reads the targets' rows, then the engine) | ${(r.status.fromWarehouseSeconds * 1000).toFixed(0)} ms on a warehouse of ${r.status.observations.toLocaleString("en")} | ${verdict(r.status.fromWarehouseSeconds <= 0.05)} |`,
    `| the same with all 1 M observations already in memory (the engine grouping them itself) | ${(r.status.seconds * 1000).toFixed(0)} ms | ${verdict(r.status.seconds <= 0.05)} |`,
    "",
    `With the trend labels of all ${r.status.observations ? "the registry's" : ""} indicators that have no target (the synthetic ones hold the million rows): ${(r.status.withTrendsSeconds * 1000).toFixed(0)} ms.`,
    "",
    `Export of the sample data (${r.export.observations} observations, statuses for every quarter's end): ${r.export.seconds} s.`,
    "",
    "Why targets are missed, where they are: ingest validates every row in JavaScript (our own CSV reader, which",
    "keeps each record's line for located errors) and appends row by row; it holds the file's records in memory",
    "until the one transaction commits. Reaching the engine's speed needs set-based validation — DuckDB parsing",
    "and checking in SQL, with the JavaScript rules kept for the browser and proved equal by a differential test —",
    "which is the next step of the work on hostile inputs and throughput.",
    "",
  ];
  if (r.site) {
    lines.push(
      "## The site",
      "",
      `Build (all pages, both languages, offline): ${r.site.buildSeconds} s. First visit of each page, empty cache, headless Chromium:`,
      "",
      "| page | transferred | requests | first chart |",
      "|---|---:|---:|---:|",
      ...r.site.pages.map((p) => `| ${p.route} | ${(p.bytes / 1024).toFixed(1)} KB | ${p.requests} | ${p.firstChartMs === null ? "—" : `${p.firstChartMs} ms`} |`),
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}
