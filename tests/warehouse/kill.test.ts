// An ingest killed with SIGKILL at 20 moments (seeded) never leaves a half-written warehouse: each
// time it opens afterwards holding exactly the state before the ingest or the state after it, and a
// re-run completes. DuckDB's write-ahead log and the one transaction per ingest are what make it so.
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomLcg } from "d3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchDataDir, writeRows } from "../../pipeline/bench/dataset.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { loadRegistry } from "../../pipeline/registry/load.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { warehouseDigest } from "../../pipeline/warehouse/digest.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";

const KILLS = 20;
let dir: string;
let data: string;
let big: string;
let base: string;
let before: Record<string, string>;
let after: Record<string, string>;
let duration = 0;

/** `ftz ingest <big> --db <db>` as a user runs it; resolves with how it ended. */
function ingestProcess(db: string, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/ftz.js", "ingest", big, "--db", db, "--data", data, "--today", "2026-11-27"], { stdio: "ignore" });
  if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, ms: performance.now() - started }));
  });
}

const digest = (db: string) => withConnection(db, (c) => warehouseDigest(c, { withLoadTimes: false }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-kill-"));
  data = await benchDataDir(dir);
  big = join(dir, "big.csv");
  await writeRows(big, 60_000);
  // The state before: the sample data, loaded with the bench registry (the real one plus synthetic indicators).
  base = join(dir, "base.duckdb");
  const { registry } = await loadRegistry(data);
  const files = await readDataFiles(await findDataFiles(["data/sample"]));
  await withConnection(base, (c) => ingest(c, { files, scope: ["data/sample"], registry: registry!, today: "2026-11-27", now: new Date("2026-11-01T00:00:00Z") }));
  before = await digest(base);
  // The state after: the same ingest run to its end.
  const reference = join(dir, "reference.duckdb");
  await copyFile(base, reference);
  const r = await ingestProcess(reference);
  expect(r.code).toBe(0);
  duration = r.ms;
  after = await digest(reference);
  expect(after).not.toEqual(before);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("an ingest killed with SIGKILL", () => {
  it(`leaves the warehouse exactly as before or as after, ${KILLS} times out of ${KILLS}, and a re-run completes`, async () => {
    const random = randomLcg(0.1234);
    const seen = { before: 0, after: 0 };
    for (let i = 0; i < KILLS; i++) {
      const db = join(dir, `kill-${i}.duckdb`);
      await copyFile(base, db);
      // Moments spread over the whole run — start-up, validation, the transaction, the commit — and a
      // little past its usual end (the run's length varies with the machine's load).
      const at = Math.round(random() * duration * 1.25);
      const killed = await ingestProcess(db, at);
      const state = await digest(db);
      const which = JSON.stringify(state) === JSON.stringify(before) ? "before" : JSON.stringify(state) === JSON.stringify(after) ? "after" : "neither";
      expect(which, `kill ${i} at ${at} ms (${killed.signal ?? `exit ${killed.code}`})`).not.toBe("neither");
      seen[which as "before" | "after"]++;
      const rerun = await ingestProcess(db);
      expect(rerun.code, `re-run after kill ${i}`).toBe(0);
      expect(await digest(db)).toEqual(after);
      await rm(db, { force: true });
      await rm(`${db}.wal`, { force: true });
    }
    // Every kill left exactly one of the two states (which one depends on where it landed).
    console.log(`SIGKILL ${KILLS} times over a ${Math.round(duration)} ms ingest: ${seen.before} × state before, ${seen.after} × state after`);
    expect(seen.before + seen.after).toBe(KILLS);
  }, 300_000);
});
