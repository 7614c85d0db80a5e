// `ftz export`'s files, from the warehouse, the registry and the data folder (writeExport; the site's
// build runs it once, pipeline/site/export.ts). Settings a caller may take from the environment:
//   FTZ_DATA (data folder, default data) · FTZ_WAREHOUSE (default data/warehouse.duckdb) ·
//   FTZ_AS_OF (default today, where the machine is) · FTZ_TODAY (the date validation calls today;
//   default the machine's date — never the as-of date: a briefing as of a past date must not report
//   the data that came after it as "future periods" on the data page)

import { mkdir, open as fsOpen, readdir, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import { CommandError } from "../errors.ts";
import { alive } from "../site/lock.ts";
import { basename, dirname, join } from "node:path";
import { findDataFiles, localToday, readDataFiles } from "../files.ts";
import { formatProblem } from "../problems.ts";
import { loadRegistry } from "../registry/load.ts";
import { validateFiles } from "../validate/index.ts";
import { warehousePath } from "../warehouse/db.ts";
import { withCurrentWarehouse } from "../warehouse/schema.ts";
import { exportToSink, type ExportSink } from "./warehouse.ts";
import type { ExportInput } from "./index.ts";
import type { Registry } from "../registry/types.ts";
import { IN_MEMORY_UP_TO_BYTES } from "../cli/validate.ts";
import { limitMemory } from "../warehouse/aggregates.ts";

export interface ExportOptions {
  dataDir: string;
  db: string;
  asOf: string;
  today: string;
  /** Total size of the data files up to which they are validated in memory (tests set -1 for the other way). */
  inMemoryUpToBytes?: number;
}

export function optionsFromEnv(env: Record<string, string | undefined> = process.env): ExportOptions {
  const today = localToday();
  return { dataDir: env.FTZ_DATA ?? "data", db: warehousePath(undefined, env), asOf: env.FTZ_AS_OF ?? today, today: env.FTZ_TODAY ?? today };
}

/** Written into every export folder: the folder may be replaced by the next export. */
export const exportMarker = ".ftz-export";

/**
 * The export replaces its folder whole, so it must never be pointed at a folder it did not write
 * (`--out data` would delete the analysts' files). Allowed: a folder that does not exist, an empty
 * one, or a previous export (its marker, or — from before the marker — its registry.json and
 * status.json side by side).
 */
export async function refuseForeignFolder(out: string): Promise<void> {
  const s = await stat(out).catch(() => null);
  if (!s) return;
  const names = s.isDirectory() ? await readdir(out) : null;
  if (names && (names.length === 0 || names.includes(exportMarker) || (names.includes("registry.json") && names.includes("status.json")))) return;
  throw new CommandError(
    `--out ${out} 已存在且不是以前的导出（导出会整个替换该文件夹，不会删除不是它写的文件）：请指定新的或空的文件夹 / ` +
      `--out ${out} exists and is not an earlier export (an export replaces its folder whole and never deletes what it did not write): name a new or empty folder`,
    2,
  );
}

/**
 * What killed exports of `out` left beside it, put right: a previous export caught between the two
 * renames of its swap is renamed back (when `out` is missing), and the staging folders of exports
 * whose process is gone are removed. A running export's folders (its process is alive) are left alone,
 * so exports at the same time never delete each other's work.
 */
export async function recoverKilled(out: string): Promise<void> {
  const parent = dirname(out);
  const own = new RegExp(`^${basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)$`);
  const names = await readdir(parent).catch(() => [] as string[]);
  const gone = names.map((n) => own.exec(n)).filter((m): m is RegExpExecArray => m !== null && !alive(Number(m[2])));
  const previous = gone.find((m) => m[1] === "old");
  const restore = previous !== undefined && !(await stat(out).then(() => true, () => false));
  if (restore) await rename(join(parent, previous[0]), out);
  for (const m of gone) if (!(restore && m === previous)) await rm(join(parent, m[0]), { recursive: true, force: true });
}

/** A download made in parts, whole: the CSV as text (as buildExport gives it), the Arrow stream as bytes. */
export const text = (name: string, bytes: Buffer): string | Uint8Array => (name.endsWith(".arrow") ? new Uint8Array(bytes) : bytes.toString("utf8"));

/**
 * writeExport({...options, out}) writes the export into the folder `out`, each file as soon as it is
 * made (memory holds one indicator's rows at a time), beside it first and then swapped in: the site
 * never reads a half-written export. Returns the revision exported and the number of files.
 */
export async function writeExport({ out, ...options }: ExportOptions & { out: string }): Promise<{ revision: number; files: number }> {
  await recoverKilled(out);
  await refuseForeignFolder(out);
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, exportMarker), "ftz export\n");
  const open = new Map<string, FileHandle>();
  let count = 0;
  const place = async (name: string) => {
    await mkdir(dirname(join(tmp, name)), { recursive: true });
    count++;
    return join(tmp, name);
  };
  try {
    const revision = await exportWith(options, {
      file: async (name, content) => writeFile(await place(name), content),
      part: async (name, content) => {
        if (!open.has(name)) open.set(name, await fsOpen(await place(name), "w"));
        await open.get(name)!.write(typeof content === "string" ? Buffer.from(content) : content);
      },
      end: async (name) => {
        await open.get(name)?.close();
        open.delete(name);
      },
    });
    // Two renames, never a delete first: killed between them, the previous export is whole under
    // out.old-<pid>, and the next export puts it back before anything else (recoverKilled).
    const old = `${out}.old-${process.pid}`;
    const hadOne = await stat(out).then(() => true, () => false);
    if (hadOne) await rename(out, old);
    await rename(tmp, out);
    if (hadOne) await rm(old, { recursive: true, force: true });
    return { revision, files: count };
  } finally {
    for (const handle of open.values()) await handle.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

async function exportWith({ dataDir, db, asOf, today, inMemoryUpToBytes }: ExportOptions, sink: ExportSink): Promise<number> {
  const { registry, problems } = await loadRegistry(dataDir);
  if (!registry) throw new Error(problems.map(formatProblem).join("\n"));
  const validation = await validateDataFolder(await findDataFiles([dataDir]), registry, today, inMemoryUpToBytes);
  return withCurrentWarehouse(
    db,
    async (c) => {
      await limitMemory(c);
      return exportToSink(c, { registry, asOf, validation }, sink);
    },
    { waitMs: 10_000 },
  );
}

/**
 * The data folder's validation for the analysts' page, checked as `ftz validate` checks it: small input
 * by the JavaScript rules in memory, large input by an ingest into a throwaway warehouse (set-based in
 * SQL, in bounded memory: 1 M rows in JavaScript took 9 CPU-s and 1 GB). Both ways give the same
 * problems (tests/cli/validate-paths.test.ts, tests/export/validation.test.ts).
 */
export async function validateDataFolder(paths: string[], registry: Registry, today: string, inMemoryUpToBytes = IN_MEMORY_UP_TO_BYTES): Promise<ExportInput["validation"]> {
  const sizes = await Promise.all(paths.map(async (p) => (await stat(p)).size));
  if (sizes.reduce((a, b) => a + b, 0) <= inMemoryUpToBytes) {
    const v = validateFiles(await readDataFiles(paths), registry, today);
    return { files: paths.length, rows: v.files.reduce((n, f) => n + f.rows, 0), problems: v.problems };
  }
  const { checkInScratchWarehouse } = await import("../cli/scratch.ts");
  const { problems, rows } = await checkInScratchWarehouse(paths, registry, today, { out: () => {}, err: () => {}, cwd: process.cwd() });
  return { files: paths.length, rows, problems };
}
