// An ingest killed with SIGKILL at 32 moments chosen by what the process is doing — reading and
// validating (by elapsed time before DuckDB's first write-ahead-log write), the first WAL write, the WAL
// growing, the checkpoint that folds it into the file, the WAL's removal, and seeded moments over the
// whole run — never leaves a warehouse in neither state: what `ftz status` reads is the state before or
// the state after, the next ingest's first step (discardUnrecorded) brings the file to exactly that
// state, and a re-run completes — after every torn replay, and once for each other kind of state (moment
// and before/after; a kill before the first byte written leaves the file as it was: its re-run would be the
// reference run itself, so it is not run again).
//
// The load is large enough (300,000 rows) for DuckDB to write row groups before the commit: killed at
// its first WAL write, DuckDB 1.5.6 replays those row groups without the revision record (the torn path,
// duckdb/duckdb#25931). Smaller loads (≤ 250,000 rows here) keep every row in the WAL and never reach it.
import { spawn, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomLcg } from "d3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchDataDir, writeRows } from "../../pipeline/bench/dataset.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { loadRegistry } from "../../pipeline/registry/load.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { warehouseDigest } from "../../pipeline/warehouse/digest.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { discardUnrecorded } from "../../pipeline/warehouse/repair.ts";

const ROWS = 300_000;

/** When to kill: after a time, or on something the process does to the warehouse's files. */
type Moment =
  | { kind: "elapsed"; ms: number }
  | { kind: "wal"; bytes: number } // the WAL has reached this size (1: its first write)
  | { kind: "checkpoint"; delayMs: number } // the file changed after the WAL appeared: the checkpoint
  | { kind: "walGone" }; // the WAL existed and is gone: the checkpoint has finished

interface Timeline {
  firstWalMs: number;
  walMax: number;
  checkpointMs: number | null;
  exitMs: number;
}

let dir: string;
let data: string;
let big: string;
let base: string;
let before: Record<string, string>;
let after: Record<string, string>;
let reference: Timeline;
let baseSha: string;

const size = async (path: string) => (await stat(path).catch(() => null))?.size ?? -1;
const mtime = async (path: string) => (await stat(path).catch(() => null))?.mtimeMs ?? -1;

/**
 * Resolves on the next change in `folder` (inotify, through fs.watch) or after POLL_MS, whichever
 * comes first. Watching instead of spinning leaves the cores to the ingest being watched: a loop on
 * setTimeout(0) cost a core of stat() calls, on a 2-core machine where other test files run beside.
 * Every change the moments wait for (the WAL made, grown, removed; the file written) comes as an
 * event, so the timer is only a fallback: at 5 ms its stat() calls cost half a second of CPU an ingest.
 */
const POLL_MS = 25;
function changes(folder: string): { next: () => Promise<void>; close: () => void } {
  let wake: () => void = () => {};
  const watcher = watch(folder, { persistent: false }, () => wake());
  return {
    next: () => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      wake = () => (clearTimeout(timer), resolve());
    }),
    close: () => watcher.close(),
  };
}

/**
 * `ftz ingest <big> --db <db>` as a user runs it, watched through the warehouse's files; killed at
 * `moment` if given. Resolves with what was seen and whether the kill landed before the process ended.
 * Unwatched (a re-run), it only waits for the process to end.
 */
async function ingestProcess(db: string, moment?: Moment, { watched = true } = {}): Promise<Timeline & { killed: boolean }> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["bin/ftz.js", "ingest", big, "--db", db, "--data", data, "--today", "2026-11-27"], { stdio: "ignore" });
  let exited = false;
  const exit = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", () => ((exited = true), resolve()));
  });
  const seen: Timeline = { firstWalMs: -1, walMax: 0, checkpointMs: null, exitMs: -1 };
  let killed = false;
  const kill = () => {
    if (!exited) killed = child.kill("SIGKILL");
  };
  if (moment?.kind === "elapsed") setTimeout(kill, moment.ms);
  let fileAtFirstWal = -1;
  const folder = changes(dirname(db));
  while (watched && !exited && !killed) {
    const wal = await size(`${db}.wal`);
    const now = performance.now() - started;
    if (wal > 0 && seen.firstWalMs < 0) {
      seen.firstWalMs = now;
      fileAtFirstWal = await mtime(db);
    }
    seen.walMax = Math.max(seen.walMax, wal);
    if (seen.firstWalMs >= 0 && seen.checkpointMs === null && (await mtime(db)) !== fileAtFirstWal) seen.checkpointMs = now;
    if (moment?.kind === "wal" && wal >= moment.bytes) kill();
    if (moment?.kind === "checkpoint" && seen.checkpointMs !== null) setTimeout(kill, moment.delayMs);
    if (moment?.kind === "checkpoint" && seen.checkpointMs !== null) break;
    if (moment?.kind === "walGone" && seen.firstWalMs >= 0 && wal < 0) kill();
    await folder.next();
  }
  folder.close();
  await exit;
  seen.exitMs = performance.now() - started;
  return { ...seen, killed };
}

const fileSha = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

const digest = (db: string) => withConnection(db, (c) => warehouseDigest(c, { withLoadTimes: false }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-kill-"));
  data = await benchDataDir(dir);
  big = join(dir, "big.csv");
  await writeRows(big, ROWS);
  // The state before: the sample data, loaded with the bench registry (the real one plus synthetic indicators).
  base = join(dir, "base.duckdb");
  const { registry } = await loadRegistry(data);
  const files = await readDataFiles(await findDataFiles(["data/sample"]));
  await withConnection(base, (c) => ingest(c, { files, scope: ["data/sample"], registry: registry!, today: "2026-11-27", now: new Date("2026-11-01T00:00:00Z") }));
  before = await digest(base);
  baseSha = await fileSha(base);
  // The state after: the same ingest run to its end, watched to learn when it writes what.
  const done = join(dir, "reference.duckdb");
  await copyFile(base, done);
  reference = await ingestProcess(done);
  after = await digest(done);
  expect(after).not.toEqual(before);
  expect(reference.firstWalMs, "the reference run wrote a WAL").toBeGreaterThan(0);
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function moments(): { name: string; moment: Moment }[] {
  const out: { name: string; moment: Moment }[] = [];
  // Reading, scanning, validating, staging and inserting: all before the first WAL write.
  for (const f of [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.85, 0.95]) out.push({ name: `at ${f} of the time to the first WAL write`, moment: { kind: "elapsed", ms: Math.round(f * reference.firstWalMs) } });
  for (let i = 0; i < 8; i++) out.push({ name: `the first WAL write (${i + 1})`, moment: { kind: "wal", bytes: 1 } });
  for (const f of [0.25, 0.5, 0.75, 1]) out.push({ name: `the WAL at ${f} of its largest size`, moment: { kind: "wal", bytes: Math.max(1, Math.round(f * reference.walMax)) } });
  for (const delayMs of [0, 1, 2, 5]) out.push({ name: `the checkpoint, +${delayMs} ms`, moment: { kind: "checkpoint", delayMs } });
  for (let i = 0; i < 2; i++) out.push({ name: `the WAL's removal (${i + 1})`, moment: { kind: "walGone" } });
  const random = randomLcg(0.1234);
  for (let i = 0; i < 6; i++) {
    const ms = Math.round(random() * reference.exitMs * 1.2);
    out.push({ name: `at ${ms} ms (seeded)`, moment: { kind: "elapsed", ms } });
  }
  return out;
}

describe("an ingest killed with SIGKILL", () => {
  it("leaves what status reads and what the next ingest starts from exactly as before or as after, at 32 moments, and a re-run completes", async () => {
    const list = moments();
    expect(list.length).toBeGreaterThanOrEqual(30);
    const seen = { before: 0, after: 0, torn: 0, killed: 0, untouched: 0, reruns: 0, sameState: 0 };
    const rerunOf = new Set<string>();
    for (const [i, { name, moment }] of list.entries()) {
      const db = join(dir, `kill-${i}.duckdb`);
      await copyFile(base, db);
      const run = await ingestProcess(db, moment);
      if (run.killed) seen.killed++;
      // Killed before it wrote anything (the file byte for byte the one it started from, no WAL): a
      // re-run would be the reference run itself, already watched to its end in beforeAll.
      const untouched = (await size(`${db}.wal`)) < 0 && (await fileSha(db)) === baseSha;
      // What `ftz status` reads: the last recorded revision.
      const visible = await withConnection(db, async (c) => (await query<{ r: number }>(c, "SELECT max(revision)::INTEGER AS r FROM revisions"))[0]!.r, { readOnly: true });
      // What the next ingest starts from: the warehouse once what no revision records is taken back.
      const { repaired, state } = await withConnection(db, async (c) => ({ repaired: await discardUnrecorded(c), state: await warehouseDigest(c, { withLoadTimes: false }) }));
      const which = JSON.stringify(state) === JSON.stringify(before) ? "before" : JSON.stringify(state) === JSON.stringify(after) ? "after" : "neither";
      expect(which, `kill ${i}, ${name}`).not.toBe("neither");
      expect(visible, `kill ${i}, ${name}: status reads the same state`).toBe(which === "before" ? 1 : 2);
      if (repaired.removed) seen.torn++;
      seen[which as "before" | "after"]++;
      // A re-run from each kind of state a kill leaves: every torn replay taken back, and the first of
      // each (moment, before/after) otherwise — a repeat of a state already re-run is the same ingest
      // from the same warehouse, and each re-run of the state before is a whole 300,000-row ingest.
      const kind = `${moment.kind}:${which}`;
      if (untouched) {
        expect(which, `kill ${i}, ${name}: nothing written, so the state before`).toBe("before");
        seen.untouched++;
      } else if (!repaired.removed && rerunOf.has(kind)) {
        seen.sameState++;
      } else {
        rerunOf.add(kind);
        seen.reruns++;
        const rerun = await ingestProcess(db, undefined, { watched: false });
        expect(rerun.killed).toBe(false);
        expect(await digest(db), `re-run after kill ${i}, ${name}`).toEqual(after);
      }
      await rm(db, { force: true });
      await rm(`${db}.wal`, { force: true });
    }
    console.log(
      `SIGKILL at ${list.length} moments of a ${ROWS}-row ingest (first WAL write at ${Math.round(reference.firstWalMs)} ms, ` +
        `${reference.walMax} bytes of WAL, end at ${Math.round(reference.exitMs)} ms): ${seen.killed} killed before the end; ` +
        `${seen.before} × before, ${seen.after} × after; ${seen.torn} torn replays taken back; ${seen.untouched} killed before writing anything (no re-run needed); ${seen.reruns} re-runs, ${seen.sameState} kills left a state of a kind already re-run`,
    );
    // The torn path was reached: the test exercises the defence, not only the easy states.
    expect(seen.torn).toBeGreaterThan(0);
  }, 1_800_000);
});
