// The kept store: every ingested file's exact bytes (as read, before any transcoding), named by their
// SHA-256, in a folder beside the warehouse — data/warehouse.duckdb keeps data/warehouse.duckdb.files/.
// The warehouse can be rebuilt from it at any time (rebuild.ts), across schema changes.
//
// A blob is written before the revision that refers to it commits, through a temporary name, flushed
// to disk, then renamed: killed at any moment, the store holds either nothing under that name or the
// whole file, and never misses a file a committed revision refers to. A blob no revision refers to (a
// refused or killed ingest's) is harmless. A kept blob is never rewritten.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** The folder of kept bytes for the warehouse at `db`. */
export function keptStore(db: string): string {
  return join(dirname(db), `${basename(db)}.files`);
}

export function blobPath(store: string, sha256: string): string {
  return join(store, sha256);
}

/** A file as ingest takes it: its bytes, or a path to read them from. */
export interface KeepSource {
  file: string;
  path?: string;
  bytes?: Uint8Array;
}

/** The SHA-256 of a file's bytes, read 1 MB at a time. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** What the scan before (warehouse/scan.ts) learned of a file: its hash, size, and modification time before it was read. */
export interface Hashed {
  sha256: string;
  bytes: number;
  mtimeMs?: number;
}

/**
 * keep(store, f, hashed) stores f's bytes under their hash unless they are kept already. It returns
 * false, storing nothing, when the file changed after it was hashed. The bytes are not hashed again
 * (that would double the hashing of a large load): given in memory, they are the very bytes hashed;
 * copied from a path, they are when the file still has the size and modification time it had before
 * it was hashed — the test the set-based loader makes too (warehouse/ingest.ts). `ftz check` hashes them.
 */
export async function keep(store: string, f: KeepSource, hashed: Hashed): Promise<boolean> {
  const blob = blobPath(store, hashed.sha256);
  if (await exists(blob)) return true;
  await mkdir(store, { recursive: true });
  const tmp = `${blob}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    if (f.bytes) await writeDurably(tmp, f.bytes);
    else {
      // Node's copyFile error names the source; a full or read-only disk is the copy's: name that.
      await copyFile(f.path!, tmp).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOSPC" || e.code === "EROFS" || e.code === "EDQUOT") e.path = tmp;
        throw e;
      });
      if (!(await copied(f.path!, tmp, hashed))) return false;
      await flush(tmp);
    }
    await rename(tmp, blob);
    await flush(store); // the rename itself, durable before the revision commits
    return true;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The copy holds the bytes that were hashed: the file is as it was before the hashing began. */
async function copied(path: string, copy: string, hashed: Hashed): Promise<boolean> {
  if (hashed.mtimeMs === undefined) return (await hashFile(copy)) === hashed.sha256;
  const [now, c] = await Promise.all([stat(path), stat(copy)]);
  return now.size === hashed.bytes && c.size === hashed.bytes && now.mtimeMs === hashed.mtimeMs;
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const h = await open(path, "w");
  try {
    await h.writeFile(bytes);
    await h.sync();
  } finally {
    await h.close();
  }
}

/** fsync a file or a folder (a folder's entries: a rename in it). */
export async function flush(path: string): Promise<void> {
  const h = await open(path, "r");
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** The hashes kept in the store (its blobs' names), and leftovers of writes that were cut short. */
export async function listStore(store: string): Promise<{ blobs: string[]; leftovers: string[] }> {
  const names = await readdir(store).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  return { blobs: names.filter((n) => /^[0-9a-f]{64}$/.test(n)).sort(), leftovers: names.filter((n) => /\.tmp-/.test(n)).sort() };
}

/** What a kept blob holds: "ok", "missing", or "corrupt" (its bytes hash to another name). */
export async function blobState(store: string, sha256: string): Promise<"ok" | "missing" | "corrupt"> {
  const blob = blobPath(store, sha256);
  if (!(await exists(blob))) return "missing";
  return (await hashFile(blob)) === sha256 ? "ok" : "corrupt";
}

/**
 * keepAll(store, files, hashedOf) keeps every file's bytes, eight at a time (a folder of many small
 * files is mostly waiting on the disk); it returns the files whose bytes changed since they were hashed.
 */
export async function keepAll<F extends KeepSource>(store: string, files: F[], hashedOf: (f: F) => Hashed): Promise<F[]> {
  const moved: F[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      if (!(await keep(store, f, hashedOf(f)))) moved.push(f);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, files.length) }, worker));
  return moved;
}
