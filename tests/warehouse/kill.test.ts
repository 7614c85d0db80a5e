// An ingest killed with SIGKILL at 33 moments chosen by what the process is doing — reading and
// validating (by elapsed time before DuckDB's first write-ahead-log write), row groups written to the
// file before the commit, the first WAL write, the WAL growing, the checkpoint that folds it into the
// file, the WAL's removal, and seeded moments over the whole run — never leaves a warehouse in neither
// state: what `ftz status` reads is the state before or the state after, the next ingest's first step
// (discardUnrecorded) brings the file to exactly that state, and a re-run completes — after every torn
// replay, and once for each other kind of state (load, moment and before/after; a kill before the first
// byte written leaves the file as it was: its re-run would be the reference run itself, so it is not run
// again).
//
// Two loads onto the same warehouse, each with its own reference run (the state after, and when it
// writes what), because a kill costs about as much as the ingest it interrupts:
// - the large one (300,000 rows) only for the 9 moments that need its size. It is large enough for
//   DuckDB to write row groups into the file before the commit (from ≈ 70 % of the way to the first WAL
//   write in one run), and killed at its first WAL write, DuckDB 1.5.6 replays those row groups without
//   the revision record (the torn path, duckdb/duckdb#25931); loads of ≤ 250,000 rows here keep every row
//   in the WAL and never reach it. Its moments: the row groups in the file with no WAL yet (once), the
//   first WAL write (4 times: not every such kill tears, and each torn replay costs a re-run of this
//   load), the WAL (≈ 13 kB: the row groups' pointers) at a fraction of its largest size.
// - the small one (6,000 rows, still past the size ingest validates in SQL, so the same path) for the 24
//   moments a small load reaches as well: the process starting, reading and validating (by elapsed
//   time), its WAL (the whole load, ≈ 1.3 MB, alive ≈ 0.5 s) at a fraction of its size, the checkpoint
//   that folds it in, the WAL's removal, seeded moments. Its reference run must have seen the WAL and
//   the checkpoint.
import { spawn, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomLcg } from "d3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchDataDir, ROWS_PER_INDICATOR, writeRows } from "../../pipeline/bench/dataset.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { loadRegistry } from "../../pipeline/registry/load.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { warehouseDigest } from "../../pipeline/warehouse/digest.ts";
import { ingest, SET_BASED_FROM_BYTES } from "../../pipeline/warehouse/ingest.ts";
import { discardUnrecorded } from "../../pipeline/warehouse/repair.ts";

const LARGE_ROWS = 300_000;
const SMALL_ROWS = 6_000;

/** A file `ftz ingest` loads onto the state before, and what its reference run (not killed) saw and left. */
interface Load {
  rows: number;
  csv: string;
  reference: Timeline;
  after: Record<string, string>;
}

/** When to kill: after a time, or on something the process does to the warehouse's files. */
type Moment =
  | { kind: "elapsed"; ms: number }
  | { kind: "rowGroups" } // the file has grown while there is no WAL: row groups written before the commit
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
let base: string;
let before: Record<string, string>;
let baseSha: string;
let large: Load;
let small: Load;

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
 * `ftz ingest <csv> --db <db>` as a user runs it, watched through the warehouse's files; killed at
 * `moment` if given. Resolves with what was seen and whether the kill landed before the process ended.
 * Unwatched (a re-run), it only waits for the process to end.
 */
async function ingestProcess(csv: string, db: string, moment?: Moment, { watched = true } = {}): Promise<Timeline & { killed: boolean }> {
  const started = performance.now();
  const sizeAtStart = await size(db);
  const child: ChildProcess = spawn(process.execPath, ["bin/ftz.js", "ingest", csv, "--db", db, "--data", data, "--today", "2026-11-27"], { stdio: "ignore" });
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
    if (moment?.kind === "rowGroups" && wal < 0 && (await size(db)) !== sizeAtStart) kill();
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

/** The load of `rows` rows onto the state before, run to its end and watched: when it writes what, and the state after. */
async function referenceRun(rows: number): Promise<Load> {
  const csv = join(dir, `rows-${rows}.csv`);
  await writeRows(csv, rows);
  const done = join(dir, `reference-${rows}.duckdb`);
  await copyFile(base, done);
  const reference = await ingestProcess(csv, done);
  const after = await digest(done);
  expect(after).not.toEqual(before);
  expect(reference.firstWalMs, `the reference run of ${rows} rows wrote a WAL`).toBeGreaterThan(0);
  return { rows, csv, reference, after };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-kill-"));
  // The registry with only the synthetic indicators the loads fill: every ftz process here parses it.
  data = await benchDataDir(dir, { indicators: Math.ceil(LARGE_ROWS / ROWS_PER_INDICATOR), amounts: 0 });
  // The state before: the sample data, loaded with the bench registry (the real one plus synthetic indicators).
  base = join(dir, "base.duckdb");
  const { registry } = await loadRegistry(data);
  const files = await readDataFiles(await findDataFiles(["data/sample"]));
  await withConnection(base, (c) => ingest(c, { files, scope: ["data/sample"], registry: registry!, today: "2026-11-27", now: new Date("2026-11-01T00:00:00Z") }));
  before = await digest(base);
  baseSha = await fileSha(base);
  large = await referenceRun(LARGE_ROWS);
  small = await referenceRun(SMALL_ROWS);
  // The small load goes the way a large one does (validated in SQL), and has a checkpoint to be killed in.
  expect(await size(small.csv)).toBeGreaterThanOrEqual(SET_BASED_FROM_BYTES);
  expect(small.reference.checkpointMs, "the small load's reference run saw its checkpoint").not.toBeNull();
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function moments(): { name: string; load: Load; moment: Moment }[] {
  const out: { name: string; load: Load; moment: Moment }[] = [];
  const at = (load: Load, name: string, moment: Moment) => out.push({ name: `${load.rows} rows, ${name}`, load, moment });
  // The large load: what only its size reaches (row groups in the file before the commit, the torn path).
  at(large, "row groups in the file, no WAL yet", { kind: "rowGroups" });
  for (let i = 0; i < 4; i++) at(large, `the first WAL write (${i + 1})`, { kind: "wal", bytes: 1 });
  for (const f of [0.25, 0.5, 0.75, 1]) at(large, `the WAL at ${f} of its largest size`, { kind: "wal", bytes: Math.max(1, Math.round(f * large.reference.walMax)) });
  // The small load: starting, reading, scanning, validating, staging and inserting — all before the first WAL write.
  const { reference } = small;
  for (const f of [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.85, 0.95]) at(small, `at ${f} of the time to the first WAL write`, { kind: "elapsed", ms: Math.round(f * reference.firstWalMs) });
  for (const f of [0.25, 0.5, 0.75, 1]) at(small, `the WAL at ${f} of its largest size`, { kind: "wal", bytes: Math.max(1, Math.round(f * reference.walMax)) });
  for (const delayMs of [0, 1, 2, 5]) at(small, `the checkpoint, +${delayMs} ms`, { kind: "checkpoint", delayMs });
  for (let i = 0; i < 2; i++) at(small, `the WAL's removal (${i + 1})`, { kind: "walGone" });
  const random = randomLcg(0.1234);
  for (let i = 0; i < 6; i++) {
    const ms = Math.round(random() * reference.exitMs * 1.2);
    at(small, `at ${ms} ms (seeded)`, { kind: "elapsed", ms });
  }
  return out;
}

describe("an ingest killed with SIGKILL", () => {
  it("leaves what status reads and what the next ingest starts from exactly as before or as after, at 33 moments, and a re-run completes", async () => {
    const list = moments();
    expect(list.length).toBeGreaterThanOrEqual(30);
    const seen = { before: 0, after: 0, torn: 0, killed: 0, untouched: 0, reruns: 0, sameState: 0 };
    const perLoad = new Map([large, small].map((l) => [l, { kills: 0, killed: 0, before: 0, after: 0, torn: 0, reruns: 0 }]));
    const rerunOf = new Set<string>();
    for (const [i, { name, load, moment }] of list.entries()) {
      const { after } = load;
      const db = join(dir, `kill-${i}.duckdb`);
      await copyFile(base, db);
      const run = await ingestProcess(load.csv, db, moment);
      const tally = perLoad.get(load)!;
      tally.kills++;
      if (run.killed) (seen.killed++, tally.killed++);
      // Killed before it wrote anything (the file byte for byte the one it started from, no WAL): a
      // re-run would be the load's reference run itself, already watched to its end in beforeAll.
      const untouched = (await size(`${db}.wal`)) < 0 && (await fileSha(db)) === baseSha;
      // What `ftz status` reads: the last recorded revision.
      const visible = await withConnection(db, async (c) => (await query<{ r: number }>(c, "SELECT max(revision)::INTEGER AS r FROM revisions"))[0]!.r, { readOnly: true });
      // What the next ingest starts from: the warehouse once what no revision records is taken back.
      const { repaired, state } = await withConnection(db, async (c) => ({ repaired: await discardUnrecorded(c), state: await warehouseDigest(c, { withLoadTimes: false }) }));
      const which = JSON.stringify(state) === JSON.stringify(before) ? "before" : JSON.stringify(state) === JSON.stringify(after) ? "after" : "neither";
      expect(which, `kill ${i}, ${name}`).not.toBe("neither");
      expect(visible, `kill ${i}, ${name}: status reads the same state`).toBe(which === "before" ? 1 : 2);
      if (repaired.removed) (seen.torn++, tally.torn++);
      seen[which as "before" | "after"]++;
      tally[which as "before" | "after"]++;
      // A re-run from each kind of state a kill leaves: every torn replay taken back, and the first of
      // each (load, moment, before/after) otherwise — a repeat of a state already re-run is the same
      // ingest from the same warehouse, and each re-run of the state before is a whole ingest.
      const kind = `${load.rows}:${moment.kind}:${which}`;
      if (untouched) {
        expect(which, `kill ${i}, ${name}: nothing written, so the state before`).toBe("before");
        seen.untouched++;
      } else if (!repaired.removed && rerunOf.has(kind)) {
        seen.sameState++;
      } else {
        rerunOf.add(kind);
        seen.reruns++;
        tally.reruns++;
        const rerun = await ingestProcess(load.csv, db, undefined, { watched: false });
        expect(rerun.killed).toBe(false);
        expect(await digest(db), `re-run after kill ${i}, ${name}`).toEqual(after);
      }
      await rm(db, { force: true });
      await rm(`${db}.wal`, { force: true });
      await rm(`${db}.files`, { recursive: true, force: true }); // the kept store (a copy of the load)
    }
    const timeline = (l: Load) => {
      const { rows, reference: r } = l;
      const t = perLoad.get(l)!;
      return `${rows} rows: first WAL write at ${Math.round(r.firstWalMs)} ms, ${r.walMax} bytes of WAL, checkpoint at ${r.checkpointMs === null ? "–" : Math.round(r.checkpointMs)} ms, end at ${Math.round(r.exitMs)} ms; ` +
        `${t.kills} kills, ${t.killed} landed, ${t.before} × before, ${t.after} × after, ${t.torn} torn, ${t.reruns} re-runs`;
    };
    console.log(
      `SIGKILL at ${list.length} moments of two ingests (${timeline(large)}; ${timeline(small)}): ${seen.killed} killed before the end; ` +
        `${seen.before} × before, ${seen.after} × after; ${seen.torn} torn replays taken back; ${seen.untouched} killed before writing anything (no re-run needed); ${seen.reruns} re-runs, ${seen.sameState} kills left a state of a kind already re-run`,
    );
    // The torn path was reached: the test exercises the defence, not only the easy states.
    expect(seen.torn).toBeGreaterThan(0);
  }, 1_800_000);
});
