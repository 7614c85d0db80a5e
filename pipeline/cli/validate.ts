// `ftz validate [paths…]`: the analyst's check, nothing written. Small input is read into memory and
// checked by the JavaScript rules (validate/, what the browser checker runs) — no database opened; large
// input goes through a throwaway warehouse, where ingest checks big plain files in SQL at the engine's
// speed and in bounded memory. Both give the same problems (tests/cli/validate-paths.test.ts).

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { readDataFiles } from "../files.ts";
import type { Problem } from "../problems.ts";
import type { Registry } from "../registry/types.ts";
import { validateFiles } from "../validate/index.ts";
import { loadRegistry } from "../registry/load.ts";
import { inputFiles, progressBar, reportProblems, type Io } from "./io.ts";

/**
 * Up to this many bytes in all, the files are checked in memory; above, through the warehouse. Measured
 * here (2 cores, heavily shared; long-format rows, one process each, CPU time and peak memory):
 * 50 k rows (2.9 MB) 3.2 s / 157 MB in memory against 4.5 s / 223 MB through the warehouse; 100 k
 * (5.8 MB) 4.4 s / 216 MB against 4.8 s / 260 MB; 200 k (11.5 MB) about even; 400 k (23 MB) 6.9 s /
 * 495 MB against 5.6 s / 336 MB. The ways cross near 10 MB; 4 MB keeps the in-memory way the quicker
 * and the lighter with a margin, and its memory (which grows with the rows) near 200 MB. Analysts'
 * files are kilobytes: they never wait for DuckDB.
 */
export const IN_MEMORY_UP_TO_BYTES = 4 * 1024 * 1024;

export interface ValidateOptions {
  paths: string[];
  dataDir: string;
  today: string;
  json: boolean;
  /** Total size up to which the files are checked in memory (tests set -1 to force the warehouse). */
  inMemoryUpToBytes?: number;
  /** Passed to ingest in the warehouse: files from this size on are checked in SQL (tests set 0). */
  setBasedFromBytes?: number;
}

export async function validateCommand(o: ValidateOptions, io: Io): Promise<number> {
  const { registry, problems: registryProblems } = await loadRegistry(o.dataDir, io.cwd);
  if (!registry) return reportProblems(registryProblems, { files: 0, rows: 0 }, o.json, io);
  // A file past the length caps is told so and read no further.
  const { files: found, tooLong } = await inputFiles(o.paths, io);
  const files = found.map((f) => f.file);
  const readable = files.filter((f) => !tooLong.some((p) => p.file === f));
  const bytes = await totalBytes(readable, io.cwd);
  const checked = bytes <= (o.inMemoryUpToBytes ?? IN_MEMORY_UP_TO_BYTES) ? await inMemory(readable, registry, o.today, io) : await inWarehouse(readable, registry, o, io);
  return reportProblems([...registryProblems, ...tooLong, ...checked.problems], { files: files.length, rows: checked.rows }, o.json, io);
}

async function totalBytes(files: string[], cwd: string): Promise<number> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(resolve(cwd, f))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

interface Checked {
  problems: Problem[];
  rows: number;
}

async function inMemory(files: string[], registry: Registry, today: string, io: Io): Promise<Checked> {
  const bar = progressBar(io);
  try {
    const named = await readDataFiles(files, io.cwd);
    const v = validateFiles(named, registry, today, { progress: (done, total) => bar.update("validate", done, total) });
    return { problems: v.problems, rows: v.files.reduce((n, f) => n + f.rows, 0) };
  } finally {
    bar.end();
  }
}

async function inWarehouse(files: string[], registry: Registry, o: ValidateOptions, io: Io): Promise<Checked> {
  const { checkInScratchWarehouse } = await import("./scratch.ts");
  return checkInScratchWarehouse(files, registry, o.today, io, o.setBasedFromBytes);
}
