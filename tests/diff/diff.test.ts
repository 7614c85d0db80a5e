import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { diff } from "../../pipeline/diff.ts";
import { readSnapshot, revisionAt, revisionDate } from "../../pipeline/warehouse/read.ts";
import { realRegistry } from "../helpers.ts";

let dir: string;
let db: string;

/** Copy a version of the fixture folder to dir/data and ingest it as of `day`. */
async function loadVersion(version: string, day: string) {
  await rm(join(dir, "data"), { recursive: true, force: true });
  await cp(join("tests/fixtures/diff", version), join(dir, "data"), { recursive: true });
  const files = (await readDataFiles((await findDataFiles([join(dir, "data")], dir)).map((f) => join(dir, f)))).map((f) => ({ ...f, file: f.file.slice(dir.length + 1) }));
  const registry = await realRegistry();
  const r = await withConnection(db, (c) => ingest(c, { files, scope: ["data"], registry, today: day, now: new Date(`${day}T09:00:00Z`) }));
  expect(r.ok).toBe(true);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-diff-"));
  db = join(dir, "w.duckdb");
  await loadVersion("v1", "2023-07-01");
  await loadVersion("v2", "2023-10-01");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ftzDiff(from: string, to: string) {
  let out = "";
  const code = await main(["diff", "--from", from, "--to", to, "--json", "--db", db], { out: (t) => (out += t), err: () => {}, cwd: process.cwd() });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe("ftz diff", () => {
  it("ftz diff --from 1 --to 2 lists the observations added, revised (old → new) and withdrawn", async () => {
    const d = await ftzDiff("1", "2");
    expect(d.from).toEqual({ revision: 1, asOf: "2023-07-01" });
    expect(d.to).toEqual({ revision: 2, asOf: "2023-10-01" });
    expect(d.added.map((o: any) => [o.indicator, o.entity, o.period, o.value])).toEqual([["ftz_aligned_cases", "yongchuan", "2023-Q3", 5]]);
    expect(d.revised.map((r: any) => [r.new.period, r.old.value, r.old.qualifier, r.new.value, r.new.qualifier, r.new.file, r.new.line])).toEqual([
      ["2023-Q2", 2, null, 3, "约", "data/cases.csv", 3],
    ]);
    expect(d.withdrawn.map((o: any) => [o.indicator, o.entity, o.period, o.value, o.file])).toEqual([["enterprises_attracted", "fenghuanghu", "2023-Q1", 4, "data/parks.csv"]]);
  });

  it("ftz diff reports reform items whose status moved and targets whose status changed", async () => {
    const d = await ftzDiff("1", "2");
    expect(d.items).toEqual([{ item: 1, from: "in_progress", to: "landed", date: "2023-06-01" }]);
    expect(d.statuses.find((s: any) => s.target === "T23-4")).toEqual({ target: "T23-4", indicator: "ftz_aligned_cases", from: "off_track", to: "achieved", fromActual: 2, toActual: 5 });
  });

  it("ftz diff takes dates too: the warehouse as it stood at the end of each day", async () => {
    expect(await ftzDiff("2023-07-01", "2023-10-01")).toEqual(await ftzDiff("1", "2"));
    const none = await ftzDiff("2023-07-15", "2023-08-01");
    expect([none.from.revision, none.to.revision, none.added.length, none.revised.length, none.withdrawn.length]).toEqual([1, 1, 0, 0, 0]);
  });

  it("ftz diff without --from or --to is a usage error", async () => {
    const code = await main(["diff", "--from", "1", "--db", db], { out: () => {}, err: () => {}, cwd: process.cwd() });
    expect(code).toBe(2);
  });
});

describe("ftz diff in SQL", () => {
  it("gives diff() over the two snapshots read whole, for revisions and dates both ways", async () => {
    const registry = await realRegistry();
    for (const [from, to] of [["1", "2"], ["2", "1"], ["2023-07-01", "2023-10-01"], ["2023-06-30", "2"], ["1", "1"]] as const) {
      const oracle = await withConnection(db, async (c) => {
        const moment = async (arg: string) => {
          const revision = /^\d+$/.test(arg) ? Number(arg) : await revisionAt(c, arg);
          return { snapshot: await readSnapshot(c, revision), asOf: /^\d+$/.test(arg) ? ((await revisionDate(c, revision)) ?? arg) : arg };
        };
        return diff(registry, await moment(from), await moment(to));
      }, { readOnly: true });
      expect(await ftzDiff(from, to), `${from} → ${to}`).toEqual(JSON.parse(JSON.stringify(oracle)));
    }
  });

  it("names a revision the warehouse does not have", async () => {
    let err = "";
    const code = await main(["diff", "--from", "1", "--to", "9", "--db", db], { out: () => {}, err: (t) => void (err += t), cwd: process.cwd() });
    expect(code).not.toBe(0);
    expect(err).toContain("9");
  });
});
