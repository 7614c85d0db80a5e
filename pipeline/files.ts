// Node side of reading analysts' files: find them under the given paths and read their bytes.

import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";

const dataExtensions = /\.(csv|tsv|txt)$/i;

/**
 * findDataFiles(paths) lists the analysts' files under each path, sorted. Folders are walked, skipping
 * reference/ (the plan's own tables, read by the registry), export/ (what `ftz export` writes, and the
 * export.tmp-<pid>/ it writes first, which a killed export can leave behind) and hidden folders; a file
 * named explicitly is always taken.
 */
export async function findDataFiles(paths: string[], cwd = process.cwd()): Promise<string[]> {
  const out = new Set<string>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || entry.name === "reference" || /^export(\.tmp-\d+)?$/.test(entry.name) || entry.name === "node_modules") continue;
        await walk(p);
      } else if (dataExtensions.test(entry.name)) out.add(p);
    }
  }
  for (const p of paths) {
    const s = await stat(p);
    if (s.isDirectory()) await walk(p);
    else out.add(p);
  }
  return [...out].map((p) => relative(cwd, p) || p).map((p) => p.split(sep).join("/")).sort();
}

/** The files as ingest takes them: read from disk as it goes, never all at once (a file may hold millions of rows). */
export function dataFileRefs(files: string[], cwd = process.cwd()): { file: string; path: string }[] {
  return files.map((file) => ({ file, path: resolve(cwd, file) }));
}

export async function readDataFiles(files: string[]): Promise<{ file: string; bytes: Uint8Array }[]> {
  return Promise.all(files.map(async (file) => ({ file, bytes: new Uint8Array(await readFile(file)) })));
}

/** Today's date where the analyst is (ISO), for "period after today". */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
