// Node side of reading analysts' files: find them under the given paths and read their bytes.

import { open, readdir, readFile, realpath, stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { CommandError } from "./errors.ts";
import { problem, type Problem } from "./problems.ts";
import { LimitScanner, Locator, MAX_FIELD_BYTES, MAX_LINE_BYTES } from "./read/limits.ts";
import { workbookKind, type SheetsRead } from "./read/sheets.ts";

// Workbooks too: a sheet dropped in data/ is read (read/workbook.ts), never skipped.
const dataExtensions = /\.(csv|tsv|txt|xlsx|xls)$/i;

/** A path under a data folder that is not read, and why (told to the user, zh / en). */
export interface Skipped {
  path: string;
  zh: string;
  en: string;
}

/**
 * findDataFiles(paths) lists the analysts' files under each path, sorted. Folders are walked, skipping
 * reference/ (the plan's own tables, read by the registry), export/ (what `ftz export` writes, and the
 * export.tmp-<pid>/ it writes first, which a killed export can leave behind) and hidden folders; a file
 * named explicitly is always taken, if it is a regular file.
 *
 * Only regular files are read: a FIFO would block the read for ever (while holding the warehouse), a
 * device such as /dev/zero never ends, and a link out of the folder would quote someone else's file
 * (/etc/passwd) in an error that reaches the site. So every entry's type is looked at before anything
 * opens it: special files are skipped, links are followed only to regular files inside the folder
 * walked, and links to folders are not followed; each is told through `skipped`.
 */
export async function findDataFiles(paths: string[], cwd = process.cwd(), skipped: (s: Skipped) => void = () => {}): Promise<string[]> {
  const out = new Set<string>();
  async function walk(dir: string, root: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || entry.name === "reference" || /^export(\.tmp-\d+)?$/.test(entry.name) || entry.name === "node_modules") continue;
        await walk(p, root);
      } else if (!dataExtensions.test(entry.name)) continue;
      else if (entry.isFile()) out.add(p);
      else if (entry.isSymbolicLink()) {
        const why = await linkProblem(p, root);
        if (why) skipped({ path: p, ...why });
        else out.add(p);
      } else skipped({ path: p, ...notRegular(kind(entry)) });
    }
  }
  for (const p of paths) {
    const s = await stat(resolve(cwd, p));
    if (s.isDirectory()) await walk(resolve(cwd, p), await realpath(resolve(cwd, p)));
    else if (s.isFile()) out.add(resolve(cwd, p));
    else {
      const why = notRegular(kind(s));
      throw new CommandError(`${p}：${why.zh} / ${p}: ${why.en}`, 2);
    }
  }
  return [...out].map((p) => relative(cwd, p) || p).map((p) => p.split(sep).join("/")).sort();
}

/** Why a link found in a folder is not read, or undefined when it names a regular file inside the folder. */
async function linkProblem(link: string, root: string): Promise<{ zh: string; en: string } | undefined> {
  let target: string;
  try {
    target = await realpath(link);
  } catch {
    return { zh: "是指向不存在文件的链接，已跳过", en: "is a link to nothing, skipped" };
  }
  if (target !== root && !target.startsWith(root + sep)) {
    return { zh: `是指向数据目录以外（${target}）的链接，不读取`, en: `is a link out of the data folder (to ${target}), not read` };
  }
  const s = await stat(target);
  if (s.isDirectory()) return { zh: "是指向文件夹的链接，不跟随", en: "is a link to a folder, not followed" };
  if (!s.isFile()) return notRegular(kind(s));
  return undefined;
}

type Kind = "fifo" | "socket" | "device" | "other";

function kind(s: Stats | { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): Kind {
  if (s.isFIFO()) return "fifo";
  if (s.isSocket()) return "socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "device";
  return "other";
}

function notRegular(k: Kind): { zh: string; en: string } {
  const name = { fifo: ["命名管道", "a named pipe (FIFO)"], socket: ["套接字", "a socket"], device: ["设备文件", "a device"], other: ["特殊文件", "a special file"] }[k];
  return { zh: `是${name[0]}而不是普通文件，已跳过`, en: `is ${name[1]}, not a regular file: skipped` };
}

/** The files as ingest takes them: read from disk as it goes, never all at once (a file may hold millions of rows). */
export function dataFileRefs(files: string[], cwd = process.cwd()): { file: string; path: string }[] {
  return files.map((file) => ({ file, path: resolve(cwd, file) }));
}

/** Each file's bytes and, for a workbook, its sheets (validateFile's input), named as given and read relative to `cwd`. */
export async function readDataFiles(files: string[], cwd = process.cwd()): Promise<{ file: string; bytes: Uint8Array; sheets?: SheetsRead }[]> {
  return Promise.all(
    files.map(async (file) => {
      const bytes = new Uint8Array(await readFile(resolve(cwd, file)));
      const sheets = await sheetsOf(file, bytes);
      return sheets ? { file, bytes, sheets } : { file, bytes };
    }),
  );
}

/**
 * A workbook's sheets, read for validateFile; undefined for text. The spreadsheet library (≈ 1 MB of
 * JavaScript) is imported only when a workbook is among the files, so `ftz validate` of CSV files
 * never loads it.
 */
export async function sheetsOf(file: string, bytes: Uint8Array): Promise<SheetsRead | undefined> {
  if (!workbookKind(bytes)) return undefined;
  const { readWorkbook } = await import("./read/workbook.ts");
  return readWorkbook(bytes, file);
}

/**
 * limitProblems(files): for each file with a field over 64 KB or a line over 1 MB (read/limits.ts),
 * one located problem. Such a file is not read further by anyone: the caller leaves it out (validate)
 * or refuses the load (ingest). Reads each file once in 4 MB chunks, whatever its size.
 */
export async function limitProblems(files: { file: string; path: string }[]): Promise<Problem[]> {
  const found: Problem[] = [];
  const buffer = new Uint8Array(4 * 1024 * 1024);
  for (const f of files) {
    if ((await stat(f.path)).size <= MAX_FIELD_BYTES) continue; // too short to pass either cap: analysts' files, nearly all
    const scanner = new LimitScanner();
    const breach = await eachChunk(f.path, buffer, (chunk) => scanner.feed(chunk));
    if (!breach) continue;
    const locator = new Locator();
    let seen = 0;
    await eachChunk(f.path, buffer, (chunk) => {
      const end = Math.min(chunk.length, breach.offset - seen);
      locator.feed(chunk, end);
      seen += chunk.length;
      return seen >= breach.offset || undefined;
    });
    const field = breach.cap === "field";
    found.push(problem(field ? "field_too_long" : "line_too_long", { file: f.file, line: locator.line, column: field ? locator.column : 0 }, { expected: field ? `${MAX_FIELD_BYTES / 1024} KB` : `${MAX_LINE_BYTES / 1024 / 1024} MB` }));
  }
  return found;
}

/** Calls `each` on the file's chunks until it returns something, which is returned. */
async function eachChunk<T>(path: string, buffer: Uint8Array, each: (chunk: Uint8Array) => T | undefined): Promise<T | undefined> {
  const handle = await open(path, "r");
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return undefined;
      const result = each(buffer.subarray(0, bytesRead));
      if (result !== undefined) return result;
    }
  } finally {
    await handle.close();
  }
}

/** Today's date where the analyst is (ISO), for "period after today". */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
