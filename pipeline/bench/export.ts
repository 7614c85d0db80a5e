// The export side of `npm run bench`: `ftz status` and `ftz export` as whole processes on a warehouse
// of 1 M observations, against opening the same file and running one GROUP BY (the reference, in the
// same run), with peak memory; and what each page loads at 1 M observations against the sample data.
// Runs alone too: node --import tsx pipeline/bench/export.ts [rows] (prints the report section).

import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { benchDataDir, writeRows } from "./dataset.ts";

const run = promisify(execFile);

type Measured = { seconds: number; maxRssMb: number; cpuSeconds: number };
export interface ExportBench {
  observations: number;
  runs: number;
  reference: Measured;
  status: Measured;
  export: Measured;
  /** The export with the rows' file in its data folder, as `npm start` has it: validation.json checks it too. */
  exportWithRows: Measured;
  /** The machine's load average (1 min) when the measured runs began and ended: timings on a shared machine need it. */
  load: [number, number];
  pages: { page: string; files: number; sampleBytes: number; largeBytes: number; ownFile: boolean }[];
}

/** One child process, timed whole from the parent (start-up included); its own peak memory. */
async function child(...args: string[]): Promise<Measured> {
  const t = performance.now();
  const { stdout } = await run(process.execPath, ["--import", "tsx", ...args], { maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  const last = JSON.parse(stdout.trim().split("\n").at(-1)!) as { maxRssMb: number; cpuSeconds: number };
  return { seconds: Number(seconds.toFixed(2)), maxRssMb: last.maxRssMb, cpuSeconds: Number(last.cpuSeconds.toFixed(2)) };
}

const median = (xs: Measured[]): Measured => {
  const by = (k: keyof Measured) => [...xs].map((x) => x[k]).sort((a, b) => a - b)[xs.length >> 1]!;
  return { seconds: by("seconds"), maxRssMb: by("maxRssMb"), cpuSeconds: by("cpuSeconds") };
};

/** The files each page loads: FileAttachment("…/data/<name>").json() in src/[lang] (downloads are not loads). */
export async function pageLoads(dir = "src/[lang]"): Promise<{ page: string; files: string[] }[]> {
  const out = [];
  for (const entry of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".md")).sort()) {
    const text = await readFile(join(dir, entry), "utf8");
    const files = [...text.matchAll(/FileAttachment\([`"](?:\.\.\/)+data\/([^`"]+)[`"]\)\.json\(\)/g)].map((m) => m[1]!.replace(/\$\{[^}]+\}/, "*"));
    out.push({ page: entry, files });
  }
  return out;
}

/** Bytes a page loads from an export folder; "indicators/*.json" counts the largest indicator file. */
async function bytesLoaded(out: string, files: string[]): Promise<number> {
  let total = 0;
  for (const f of files) {
    if (f.includes("*")) {
      const folder = join(out, f.slice(0, f.indexOf("*")));
      const sizes = await Promise.all((await readdir(folder)).map(async (n) => (await stat(join(folder, n))).size));
      total += Math.max(...sizes);
    } else total += (await stat(join(out, f))).size;
  }
  return total;
}

export async function benchExport(tmp: string, runs: number, rows = 1_000_000, log: (t: string) => void = () => {}): Promise<ExportBench> {
  const data = await benchDataDir(join(tmp, "export"));
  const csv = join(tmp, "export-rows", "rows.csv");
  await run("mkdir", ["-p", join(tmp, "export-rows")]);
  await writeRows(csv, rows);
  // The same data folder with the rows' file in it, for the export that validates it.
  const withRows = await benchDataDir(join(tmp, "export-with-rows"));
  await cp(csv, join(withRows, "rows.csv"));
  const large = join(tmp, "export-large.duckdb");
  const sample = join(tmp, "export-sample.duckdb");
  await child("pipeline/bench/child.ts", "ingest", data, join(tmp, "export-rows"), large);
  await child("pipeline/bench/child.ts", "ingest", data, "data/sample", sample);
  log(`export bench: warehouses ready (${rows.toLocaleString("en")} observations; sample)`);

  const loadBefore = loadavg()[0]!;
  const measured: Record<"reference" | "status" | "export" | "exportWithRows", Measured[]> = { reference: [], status: [], export: [], exportWithRows: [] };
  for (let k = 0; k < runs; k++) {
    // Alternating, so that a busy moment weighs on both sides.
    measured.reference.push(await child("pipeline/bench/export-child.ts", "reference", data, large));
    measured.status.push(await child("pipeline/bench/export-child.ts", "status", data, large));
    measured.export.push(await child("pipeline/bench/export-child.ts", "export", data, large, join(tmp, "export-out-large")));
    measured.exportWithRows.push(await child("pipeline/bench/export-child.ts", "export", withRows, large, join(tmp, "export-out-with-rows")));
    const last = (k: keyof typeof measured) => measured[k].at(-1);
    log(`export bench: run ${k + 1}: ${JSON.stringify({ reference: last("reference"), status: last("status"), export: last("export"), exportWithRows: last("exportWithRows") })}`);
  }
  await child("pipeline/bench/export-child.ts", "export", data, sample, join(tmp, "export-out-sample"));
  const pages = [];
  for (const p of await pageLoads()) {
    pages.push({
      page: p.page,
      files: p.files.length,
      sampleBytes: await bytesLoaded(join(tmp, "export-out-sample"), p.files),
      largeBytes: await bytesLoaded(join(tmp, "export-out-large"), p.files),
      ownFile: p.files.some((f) => f.includes("*")),
    });
  }
  return {
    observations: rows,
    runs,
    reference: median(measured.reference),
    status: median(measured.status),
    export: median(measured.export),
    exportWithRows: median(measured.exportWithRows),
    load: [Number(loadBefore.toFixed(2)), Number(loadavg()[0]!.toFixed(2))],
    pages,
  };
}

/** The report's section: each figure beside its reference and target. */
export function exportReport(b: ExportBench): string[] {
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const ratio = b.status.seconds / b.reference.seconds;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    `## Status and export on ${b.observations.toLocaleString("en")} observations`,
    "",
    `Whole processes (node with tsx, start-up included), median of ${b.runs}, alternating. The reference opens the warehouse and runs`,
    "one GROUP BY (indicator, entity) over every observation. Status and export run statusFromWarehouse / writeExport as",
    "`ftz status` / `ftz export` call them (pipeline/bench/export-child.ts). CPU: every thread's (DuckDB's too); load",
    `average ${b.load[0]} when the runs began, ${b.load[1]} when they ended (2 cores).`,
    "",
    "| figure | measured | CPU | reference | target | verdict |",
    "|---|---:|---:|---:|---|---|",
    `| \`ftz status\` | ${b.status.seconds} s, ${b.status.maxRssMb} MB | ${b.status.cpuSeconds} s | ${b.reference.seconds} s, ${b.reference.maxRssMb} MB | ≤ 3× reference, ≤ 300 MB | ${verdict(ratio <= 3 && b.status.maxRssMb <= 300)} (${ratio.toFixed(2)}×) |`,
    `| \`ftz export\` | ${b.export.seconds} s, ${b.export.maxRssMb} MB | ${b.export.cpuSeconds} s | | ≤ 15 s, ≤ 500 MB | ${verdict(b.export.seconds <= 15 && b.export.maxRssMb <= 500)} |`,
    `| \`ftz export\`, the rows' file in its data folder (validated too) | ${b.exportWithRows.seconds} s, ${b.exportWithRows.maxRssMb} MB | ${b.exportWithRows.cpuSeconds} s | | | |`,
    "",
    "What each page loads (its `FileAttachment(…).json()` files; downloads are not loads), sample data against the",
    "large warehouse, both exported with the benchmark's registry; an indicator page counts the largest indicator file:",
    "",
    "| page | files | sample | large | ratio | target ≤ 2× |",
    "|---|---:|---:|---:|---:|---|",
    ...b.pages.map((p) => {
      const r = p.largeBytes / p.sampleBytes;
      return `| ${p.page} | ${p.files} | ${kb(p.sampleBytes)} | ${kb(p.largeBytes)} | ${r.toFixed(2)}× | ${p.ownFile ? "its own series (exempt)" : verdict(r <= 2)} |`;
    }),
    "",
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = await mkdtemp(join(tmpdir(), "ftz-bench-export-"));
  try {
    const b = await benchExport(tmp, Number(process.env.BENCH_RUNS ?? 3), Number(process.argv[2] ?? 1_000_000), (t) => process.stderr.write(`${t}\n`));
    process.stdout.write(`${JSON.stringify(b)}\n\n${exportReport(b).join("\n")}\n`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
