// The validated ingest of values as real files write them (issue 13): 30 % decimals, thousands
// separators and qualifiers in the mix (dataset.ts: writeMixedRows), against DuckDB's read_csv of the
// same file. Each side in a process of its own (child.ts), alternating, `runs` times; medians.
// DuckDB cannot cast 1,234.5 or 约30 to a number, so its side reads the value column as text
// ("baseline-text"); the other columns are typed as in the whole-number benchmark.
// Called by run.ts; also runs alone: node --import tsx pipeline/bench/ingest.ts [sizes] [runs]

import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { benchDataDir, writeMixedRows } from "./dataset.ts";

const run = promisify(execFile);

export interface MixedIngest {
  rows: number;
  baselineRowsPerS: number;
  ftzRowsPerS: number;
  ratio: number;
  /** What issue 13 asks at this size: 0.8× at a million rows, 0.5× below. */
  target: number;
  ftzMaxRssMb: number;
  /** The same ratio in CPU seconds (all threads, start-up included): steadier when other work shares the cores. */
  cpuRatio: number;
}

type Measured = { seconds: number; rows: number; maxRssMb: number; cpuSeconds: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function child(...args: string[]): Promise<Measured> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "pipeline/bench/child.ts", ...args], { maxBuffer: 1 << 26 });
  return JSON.parse(stdout) as Measured;
}

/** One side once, into a fresh database. */
async function once(mode: "baseline-text" | "ingest", data: string, csv: string, db: string): Promise<Measured> {
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  return child(mode, data, csv, db);
}

/** benchMixedIngest(tmp, data, sizes, runs): the mixed-value file of each size, both sides alternating. */
export async function benchMixedIngest(tmp: string, data: string, sizes: number[], runs: number, log = (_: string) => {}): Promise<MixedIngest[]> {
  const out: MixedIngest[] = [];
  for (const n of sizes) {
    const csv = join(tmp, `mixed-${n}.csv`);
    await writeMixedRows(csv, n);
    const base: Measured[] = [];
    const ftz: Measured[] = [];
    for (let k = 0; k < runs; k++) {
      base.push(await once("baseline-text", data, csv, join(tmp, `mixed-base-${n}.duckdb`)));
      ftz.push(await once("ingest", data, csv, join(tmp, `mixed-ftz-${n}.duckdb`)));
    }
    const b = median(base.map((m) => m.seconds));
    const f = median(ftz.map((m) => m.seconds));
    const row = {
      rows: n,
      baselineRowsPerS: Math.round(n / b),
      ftzRowsPerS: Math.round(ftz[0]!.rows / f),
      ratio: Number((b / f).toFixed(3)),
      target: n >= 1_000_000 ? 0.8 : 0.5,
      ftzMaxRssMb: median(ftz.map((m) => m.maxRssMb)),
      cpuRatio: Number((median(base.map((m) => m.cpuSeconds)) / median(ftz.map((m) => m.cpuSeconds))).toFixed(3)),
    };
    out.push(row);
    log(`ingest of mixed values ${n}: ${JSON.stringify(row)}`);
    for (const f of [csv, join(tmp, `mixed-base-${n}.duckdb`), join(tmp, `mixed-ftz-${n}.duckdb`)]) await rm(f, { force: true });
  }
  return out;
}

/** The report's section on the mixed-value ingest, as markdown lines. */
export function mixedIngestReport(rows: MixedIngest[], runs: number): string[] {
  const verdict = (r: MixedIngest) => (r.ratio >= r.target ? "met" : "**missed**");
  return [
    "## Validated ingest with decimals, thousands separators and qualifiers",
    "",
    "The file as real files are (pipeline/bench/dataset.ts, writeMixedRows): 40 % of the rows amounts in 亿元, 30 % of all",
    "values with decimals (12.34), some with thousands separators (1,234.56, quoted) and qualifiers (约30 · 30余 · 超30 · 近30).",
    `DuckDB's side reads the value column as text (it cannot cast 1,234.5 or 约30); each side ${runs} times, alternating, medians.`,
    "The verdict is on wall-clock time; CPU seconds (every thread, whole process) are given beside it.",
    "",
    "| rows | DuckDB read_csv rows/s | ftz ingest rows/s | ratio ftz / DuckDB | target | verdict | ratio in CPU seconds | ftz max RSS |",
    "|---:|---:|---:|---:|---:|---|---:|---:|",
    ...rows.map((r) => `| ${r.rows.toLocaleString("en")} | ${r.baselineRowsPerS.toLocaleString("en")} | ${r.ftzRowsPerS.toLocaleString("en")} | ${r.ratio} | ≥ ${r.target}× | ${verdict(r)} | ${r.cpuRatio} | ${r.ftzMaxRssMb} MB |`),
    "",
  ];
}

if (process.argv[1]?.endsWith("pipeline/bench/ingest.ts")) {
  const sizes = (process.argv[2] ?? "100000,1000000").split(",").map(Number);
  const runs = Number(process.argv[3] ?? 5);
  const tmp = await mkdtemp(join(tmpdir(), "ftz-bench-mixed-"));
  try {
    const rows = await benchMixedIngest(tmp, await benchDataDir(tmp), sizes, runs, (t) => process.stderr.write(`${t}\n`));
    process.stdout.write(`${mixedIngestReport(rows, runs).join("\n")}\n`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
