// The kept store's own record of the history: one small JSON file per revision
// (<store>/revisions/<N>.json: when it was loaded, the files it opened by hash, the paths it closed), so
// that the store alone — without the warehouse — is enough to build the warehouse again (`ftz rebuild`
// when the warehouse file is lost or has been moved aside).
//
// Written in two steps around the revision's commit: <N>.pending.json (written whole, flushed) before
// the commit, renamed to <N>.json after it. A load killed in between leaves a pending entry: the next
// ingest settles it against the warehouse (confirmed when the warehouse has that revision, removed when
// not), and a rebuild from the store alone never uses one. Warehouses from before this record get their
// entries written from their own history by their next ingest (settle).

import { mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { History } from "./history.ts";
import { flush } from "./store.ts";

export interface ManifestEntry {
  revision: number;
  /** As the warehouse stores it: "2026-11-27 08:00:00.123" (UTC). */
  loaded_at: string;
  /** Files the revision opened (new or changed), by path and the SHA-256 of their kept bytes. */
  opened: { path: string; sha256: string }[];
  /** Paths the revision closed (changed or withdrawn). */
  closed: string[];
}

const folder = (store: string) => join(store, "revisions");
const confirmed = /^(\d+)\.json$/;
const pending = /^(\d+)\.pending\.json$/;

async function writeWhole(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  const h = await open(tmp, "r");
  await h.sync();
  await h.close();
  await rename(tmp, path);
}

/**
 * A load time as DuckDB writes a TIMESTAMP as text (readHistory's loaded_at): fractional seconds without
 * trailing zeros ("…:59.32", not "…:59.320"), none for whole seconds; so the record and the warehouse compare equal.
 */
export const canonicalTime = (t: string) => t.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");

/** writePending(store, entry): the revision's entry, whole and flushed, before the revision commits. */
export async function writePending(store: string, given: ManifestEntry): Promise<void> {
  const entry = { ...given, loaded_at: canonicalTime(given.loaded_at) };
  const dir = folder(store);
  await mkdir(dir, { recursive: true });
  await writeWhole(join(dir, `${entry.revision}.pending.json`), `${JSON.stringify(entry, null, 1)}\n`);
  await flush(dir);
}

/** confirm(store, revision): the revision committed; its entry becomes part of the record. */
export async function confirm(store: string, revision: number): Promise<void> {
  await rename(join(folder(store), `${revision}.pending.json`), join(folder(store), `${revision}.json`));
  await flush(folder(store));
}

/** The confirmed entries, by revision; the revisions of pending ones beside them. */
export async function readManifest(store: string): Promise<{ entries: ManifestEntry[]; pending: number[] }> {
  const names = await readdir(folder(store)).catch(() => [] as string[]);
  const entries: ManifestEntry[] = [];
  for (const n of names.filter((n) => confirmed.test(n))) entries.push(JSON.parse(await readFile(join(folder(store), n), "utf8")) as ManifestEntry);
  const waiting = names.flatMap((n) => (pending.exec(n) ? [Number(pending.exec(n)![1])] : []));
  return { entries: entries.sort((a, b) => a.revision - b.revision), pending: waiting.sort((a, b) => a - b) };
}

/** The entries a warehouse's own history gives (history.ts): what settle writes for revisions recorded before the store kept them. */
export function entriesOf(history: History): ManifestEntry[] {
  return history.revisions.map((r) => ({
    revision: r.revision,
    loaded_at: canonicalTime(r.loaded_at),
    opened: history.files.filter((f) => f.valid_from === r.revision).map((f) => ({ path: f.path, sha256: f.sha256 })),
    closed: history.files.filter((f) => f.valid_to === r.revision).map((f) => f.path),
  }));
}

/**
 * settle(store, history): the record made to agree with the warehouse before a load — pending entries
 * of recorded revisions confirmed (their commit happened), of later ones removed (it did not), and
 * recorded revisions without an entry written from the warehouse's history.
 */
export async function settle(store: string, history: History): Promise<void> {
  const last = history.revisions.at(-1)?.revision ?? 0;
  const { entries, pending: waiting } = await readManifest(store);
  for (const n of waiting) {
    if (n <= last && !entries.some((e) => e.revision === n)) await confirm(store, n);
    else await rm(join(folder(store), `${n}.pending.json`), { force: true });
  }
  const have = new Set((await readManifest(store)).entries.map((e) => e.revision));
  const missing = entriesOf(history).filter((e) => !have.has(e.revision));
  for (const e of missing) {
    await writePending(store, e);
    await confirm(store, e.revision);
  }
  // Entries past the warehouse's last revision: a warehouse restored from an older backup. The store's
  // later entries describe loads this warehouse no longer has; the next load would reuse their numbers.
  for (const e of (await readManifest(store)).entries.filter((e) => e.revision > last)) {
    await rename(join(folder(store), `${e.revision}.json`), join(folder(store), `${e.revision}.superseded-${Date.now()}.json`));
  }
}

/** The history the record gives, as rebuild replays it (history.ts History; counts are the replay's to make). */
export function historyOf(entries: ManifestEntry[]): History {
  const files: History["files"] = [];
  for (const e of entries) {
    for (const path of e.closed) {
      const open = files.find((f) => f.path === path && f.valid_to === null);
      if (open) open.valid_to = e.revision;
    }
    for (const f of e.opened) files.push({ path: f.path, sha256: f.sha256, valid_from: e.revision, valid_to: null });
  }
  return { revisions: entries.map((e) => ({ revision: e.revision, loaded_at: e.loaded_at })), files, schemaVersion: undefined };
}
