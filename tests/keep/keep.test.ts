// The kept store, `ftz rebuild` and `ftz check`, through the CLI in this process: one warehouse is
// built over three revisions (files added, one changed, one withdrawn; a GBK file, and one large
// enough to be validated set-based in SQL), then each test works on its own copy.

import { spawn } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { once } from "node:events";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";
import { keep, keptStore } from "../../pipeline/keep/store.ts";
import { canonicalTime, entriesOf, readManifest } from "../../pipeline/keep/manifest.ts";
import { readHistory } from "../../pipeline/keep/history.ts";
import { scanFile } from "../../pipeline/warehouse/scan.ts";
import { withConnection } from "../../pipeline/warehouse/db.ts";
import { warehouseDigest } from "../../pipeline/warehouse/digest.ts";
import { ingest } from "../../pipeline/warehouse/ingest.ts";
import { schemaVersion } from "../../pipeline/warehouse/schema.ts";
import { realRegistry } from "../helpers.ts";

const registryDir = resolve("data");
let root: string;
let base: string; // the three-revision warehouse every test copies

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ftz-keep-"));
  base = join(root, "base");
  await mkdir(join(base, "data"), { recursive: true });
  const put = (name: string, content: string | Uint8Array) => writeFile(join(base, "data", name), content);
  // Revision 1: three files, one of them GBK (kept as it was written, not as UTF-8).
  await put("a.csv", "indicator,entity,period,value\nftz_aligned_cases,yongchuan,2023-Q1,1\nftz_aligned_cases,yongchuan,2023-Q2,2\n");
  await put("b.csv", "指标,园区,时期,数值\nenterprises_attracted,凤凰湖,2024-Q1,4\n");
  await put("gbk.csv", await readFile("tests/fixtures/validate/good_gbk.csv"));
  expect((await ftz(base, "ingest", join(base, "data"))).code).toBe(0);
  // Revision 2: a.csv changed, big.csv added (past 256 KB: validated set-based, from the kept bytes on rebuild).
  await put("a.csv", "indicator,entity,period,value\nftz_aligned_cases,yongchuan,2023-Q1,1\nftz_aligned_cases,yongchuan,2023-Q2,3\n");
  await put("big.csv", bigFile());
  expect((await ftz(base, "ingest", join(base, "data"))).code).toBe(0);
  // Revision 3: b.csv withdrawn.
  await rm(join(base, "data", "b.csv"));
  const third = await ftz(base, "ingest", join(base, "data"));
  expect(third.out).toContain("loaded revision 3: 0 files added, 0 changed, 1 withdrawn");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** ftz <args> against the warehouse in `dir`, with file names relative to it. */
async function ftz(dir: string, ...args: string[]) {
  let out = "";
  let err = "";
  const argv = [...args, "--db", join(dir, "w.duckdb"), "--data", registryDir, "--today", "2026-11-27"];
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

/** 6,000 rows of daily values for the six parks (≈ 320 KB). */
function bigFile(): string {
  const parks = ["凤凰湖产业园", "港桥产业园", "三教产业园", "大数据产业园", "永川综合保税区", "西部职教基地"];
  const lines = ["指标,园区,时期,数值"];
  for (let i = 0; i < 1000; i++) {
    const day = new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10);
    parks.forEach((p, k) => lines.push(`enterprises_attracted,${p},${day},${(i * 7 + k) % 13}`));
  }
  return `${lines.join("\n")}\n`;
}

let copies = 0;
/** A copy of the base warehouse, its kept store and its data folder. */
async function copy(): Promise<string> {
  const dir = join(root, `copy-${++copies}`);
  await cp(base, dir, { recursive: true });
  return dir;
}

const digest = (dir: string) => withConnection(join(dir, "w.duckdb"), (c) => warehouseDigest(c), { readOnly: true });
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function exported(dir: string, name: string): Promise<Map<string, Buffer>> {
  const out = join(dir, name);
  const r = await ftz(dir, "export", "--out", out, "--as-of", "2026-11-27");
  expect(r.code, r.err).toBe(0);
  const files = new Map<string, Buffer>();
  for (const f of (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const path = join(f.parentPath, f.name);
    files.set(path.slice(out.length + 1), await readFile(path));
  }
  return files;
}

describe("the kept store", () => {
  it("holds every ingested version's exact bytes under its SHA-256, the GBK file as written", async () => {
    const store = keptStore(join(base, "w.duckdb"));
    const hashes = await withConnection(join(base, "w.duckdb"), async (c) => (await c.runAndReadAll("SELECT DISTINCT sha256 FROM files ORDER BY 1")).getRowObjectsJson().map((r) => String(r.sha256)), { readOnly: true });
    expect(hashes).toHaveLength(5); // a.csv twice, b.csv, gbk.csv, big.csv
    expect((await readdir(store)).filter((n) => n !== "revisions").sort()).toEqual(hashes);
    for (const h of hashes) expect(sha(await readFile(join(store, h)))).toBe(h);
    const gbk = await readFile("tests/fixtures/validate/good_gbk.csv");
    expect(Buffer.compare(await readFile(join(store, sha(gbk))), gbk)).toBe(0);
  });

  it("keeps nothing of a file that changed after it was hashed (ingest then refuses it as file_changed)", async () => {
    const dir = join(root, "moved");
    await mkdir(dir, { recursive: true });
    const path = join(dir, "a.csv");
    await writeFile(path, "indicator,entity,period,value\nftz_aligned_cases,yongchuan,2023-Q1,1\n");
    const hashed = await scanFile(path);
    await writeFile(path, "indicator,entity,period,value\nftz_aligned_cases,yongchuan,2023-Q1,7\n"); // same size
    await utimes(path, new Date(), new Date(hashed.mtimeMs! + 5000));
    expect(await keep(join(dir, "store"), { file: "a.csv", path }, hashed)).toBe(false);
    expect(await readdir(join(dir, "store"))).toEqual([]);
    // Unchanged, it is kept; a second time it is not rewritten.
    const again = await scanFile(path);
    expect(await keep(join(dir, "store"), { file: "a.csv", path }, again)).toBe(true);
    expect(await keep(join(dir, "store"), { file: "a.csv", path: "/nonexistent" }, again)).toBe(true);
    expect(await readdir(join(dir, "store"))).toEqual([again.sha256]);
  });

  it("a warehouse loaded without keeping gets its current files kept by the next ftz ingest", async () => {
    const dir = join(root, "unkept");
    await cp(join(base, "data"), join(dir, "data"), { recursive: true });
    const files = ["a.csv", "big.csv", "gbk.csv"].map((f) => ({ file: `data/${f}`, path: join(dir, "data", f) }));
    await withConnection(join(dir, "w.duckdb"), async (c) =>
      ingest(c, { files, scope: ["data"], registry: await realRegistry(), today: "2026-11-27", now: new Date("2026-11-27T08:00:00Z") }),
    );
    expect((await ftz(dir, "check")).out).toContain("missing");
    expect((await ftz(dir, "ingest", join(dir, "data"))).out).toContain("nothing changed: 3 files match revision 1");
    const check = await ftz(dir, "check");
    expect([check.code, check.out]).toEqual([0, expect.stringContaining(`the warehouse is sound: schema ${schemaVersion}, 1 revisions, 3 kept files`)]);
  });
});

describe("ftz rebuild", () => {
  it("reproduces the warehouse from the kept files: every table, and the export byte for byte", async () => {
    const dir = await copy();
    const before = await exported(dir, "export-before");
    const digestBefore = await digest(dir);
    const r = await ftz(dir, "rebuild");
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toContain("rebuilt the warehouse from the kept files: 3 revisions, 5 files");
    // Load times included: each revision is replayed at its own.
    expect(await digest(dir)).toEqual(digestBefore);
    const after = await exported(dir, "export-after");
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(Buffer.compare(after.get(name)!, bytes), name).toBe(0);
    expect((await readdir(dir)).filter((n) => n.includes(".rebuild-") || n.endsWith(".wal"))).toEqual([]);
  });

  it("refuses when a kept file is missing, naming it, and leaves the warehouse as it was", async () => {
    const dir = await copy();
    const store = keptStore(join(dir, "w.duckdb"));
    const big = sha(await readFile(join(dir, "data", "big.csv")));
    await rm(join(store, big));
    const before = await digest(dir);
    const r = await ftz(dir, "rebuild");
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot rebuild: 1 kept files are missing or corrupt, the warehouse is unchanged");
    expect(r.err).toContain(`${big} 缺失 missing — data/big.csv (2)`);
    expect(await digest(dir)).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.includes(".rebuild-"))).toEqual([]);
  });

  it("killed while it builds, leaves the old warehouse as it was; the next rebuild completes", async () => {
    const dir = await copy();
    const db = join(dir, "w.duckdb");
    const before = await digest(dir);
    const child = spawn(process.execPath, ["bin/ftz.js", "rebuild", "--db", db, "--data", registryDir, "--today", "2026-11-27"], { stdio: "ignore" });
    const exited = once(child, "exit");
    // Killed as soon as the new warehouse appears beside the old one.
    const watcher = watch(dir, (_, name) => {
      if (name?.includes(".rebuild-")) child.kill("SIGKILL");
    });
    const [code, signal] = await exited;
    watcher.close();
    expect([code, signal]).toEqual([null, "SIGKILL"]);
    expect((await readdir(dir)).some((n) => n.includes(".rebuild-"))).toBe(true);
    expect(await digest(dir)).toEqual(before);
    const check = await ftz(dir, "check");
    expect([check.code, check.out]).toEqual([0, expect.stringContaining("temporary files left by cut-short writes")]);
    expect((await ftz(dir, "rebuild")).code).toBe(0);
    expect(await digest(dir)).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.includes(".rebuild-"))).toEqual([]);
  });

  it("refuses, changing nothing, when a kept file no longer passes the registry as it is now", async () => {
    const dir = await copy();
    // The registry without the short name 凤凰湖 that b.csv (revision 1) uses.
    const changed = join(dir, "registry");
    await cp(join(registryDir, "reference"), join(changed, "reference"), { recursive: true });
    await cp(join(registryDir, "indicators.yml"), join(changed, "indicators.yml"));
    const parks = await readFile(join(changed, "reference", "parks.csv"), "utf8");
    await writeFile(join(changed, "reference", "parks.csv"), parks.replace(",Fenghuanghu Industrial Park,凤凰湖,", ",Fenghuanghu Industrial Park,凤凰湖园区,"));
    const before = await digest(dir);
    let out = "";
    let err = "";
    const code = await main(["rebuild", "--db", join(dir, "w.duckdb"), "--data", changed, "--today", "2026-11-27"], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
    expect(code).toBe(1);
    expect(out).toMatch(/^data\/b\.csv:2:2: error /);
    expect(err).toContain("cannot rebuild: the kept files of revision 1 no longer load under the current rules");
    expect(await digest(dir)).toEqual(before);
  });

  it("carries a warehouse of another schema version forward", async () => {
    const dir = await copy();
    await withConnection(join(dir, "w.duckdb"), (c) => c.run("UPDATE meta SET value = '0' WHERE key = 'schema_version'"));
    // And what a killed rebuild leaves beside the warehouse: noted by check, removed by the next rebuild.
    await writeFile(join(dir, "w.duckdb.rebuild-99999"), "half a warehouse");
    const check = await ftz(dir, "check");
    expect(check.code).toBe(1);
    expect(check.out).toContain(`the warehouse's schema version is 0, this program's is ${schemaVersion}`);
    expect(check.out).toContain(`repair: ftz rebuild --db ${join(dir, "w.duckdb")}`);
    expect(check.out).toContain("1 temporary files left by cut-short writes");
    expect((await ftz(dir, "rebuild")).code).toBe(0);
    expect((await readdir(dir)).filter((n) => n.includes(".rebuild-"))).toEqual([]);
    expect((await ftz(dir, "check")).code).toBe(0);
  });
});

describe("the kept store's record of the revisions", () => {
  const store = (dir: string) => keptStore(join(dir, "w.duckdb"));
  const history = (dir: string) => withConnection(join(dir, "w.duckdb"), readHistory, { readOnly: true });

  it("canonicalTime(t) writes a load time as DuckDB does, so a time whose milliseconds end in 0 compares equal", () => {
    expect(["2026-12-03 09:24:59.320", "2026-12-03 09:24:59.000", "2026-12-03 09:24:59.321", "2026-12-03 09:24:50"].map(canonicalTime)).toEqual([
      "2026-12-03 09:24:59.32",
      "2026-12-03 09:24:59",
      "2026-12-03 09:24:59.321",
      "2026-12-03 09:24:50",
    ]);
  });

  it("holds one entry per revision: its load time, the files it opened by hash, the paths it closed", async () => {
    const { entries, pending } = await readManifest(store(base));
    expect(pending).toEqual([]);
    expect(entries).toEqual(entriesOf(await history(base)));
    expect(entries.map((e) => [e.revision, e.opened.map((f) => f.path), e.closed])).toEqual([
      [1, ["data/a.csv", "data/b.csv", "data/gbk.csv"], []],
      [2, ["data/a.csv", "data/big.csv"], ["data/a.csv"]],
      [3, [], ["data/b.csv"]],
    ]);
  });

  it("is enough, without the warehouse, to build it again: every table as it was, load times included", async () => {
    const dir = await copy();
    const before = await digest(dir);
    await rm(join(dir, "w.duckdb"));
    const r = await ftz(dir, "rebuild");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("rebuilt the warehouse from the kept files: 3 revisions, 5 files");
    // Every table's content, load times included: the export, made from nothing else, is the same too.
    expect(await digest(dir)).toEqual(before);
    // Without the record, the store alone is not enough: said, and nothing is made.
    await rm(join(dir, "w.duckdb"));
    await rm(join(store(dir), "revisions"), { recursive: true });
    expect((await ftz(dir, "rebuild")).code).toBe(3);
    expect(existsSync(join(dir, "w.duckdb"))).toBe(false);
  });

  it("settles what a killed load left: an entry whose revision committed is confirmed, one whose revision did not is removed", async () => {
    const dir = await copy();
    const folder = join(store(dir), "revisions");
    await rename(join(folder, "3.json"), join(folder, "3.pending.json")); // killed after its commit
    await writeFile(join(folder, "4.pending.json"), JSON.stringify({ revision: 4, loaded_at: "2026-11-27 00:00:00", opened: [], closed: ["data/a.csv"] })); // killed before
    // The store alone never uses a pending entry.
    expect((await readManifest(store(dir))).entries.map((e) => e.revision)).toEqual([1, 2]);
    expect((await ftz(dir, "ingest", join(dir, "data"))).code).toBe(0);
    expect(await readManifest(store(dir))).toEqual({ entries: entriesOf(await history(dir)), pending: [] });
  });

  it("is written for a warehouse from before it, by that warehouse's next ingest, from its own history", async () => {
    const dir = await copy();
    await rm(join(store(dir), "revisions"), { recursive: true });
    expect((await ftz(dir, "ingest", join(dir, "data"))).out).toContain("nothing changed");
    expect((await readManifest(store(dir))).entries).toEqual(entriesOf(await history(dir)));
  });

  it("is checked by ftz check: a missing entry is a note for the next ingest, one that disagrees with the warehouse a finding", async () => {
    const dir = await copy();
    const folder = join(store(dir), "revisions");
    await rm(join(folder, "1.json"));
    const noted = await ftz(dir, "check");
    expect(noted.code).toBe(0);
    expect(noted.out).toContain("the kept store's record of the revisions lacks 1 revisions and has 0 unconfirmed");
    const two = JSON.parse(await readFile(join(folder, "2.json"), "utf8"));
    await writeFile(join(folder, "2.json"), JSON.stringify({ ...two, closed: [] }));
    const found = await ftz(dir, "check");
    expect(found.code).toBe(1);
    expect(found.out).toContain("the kept store's record of revision 2 differs from the warehouse's");
    await rm(join(folder, "2.json"));
    await ftz(dir, "ingest", join(dir, "data"));
    expect((await ftz(dir, "check")).out).not.toContain("record");
  });

  it("sets aside entries past the warehouse's last revision (a warehouse restored from an older backup)", async () => {
    const dir = await copy();
    const folder = join(store(dir), "revisions");
    await writeFile(join(folder, "4.json"), JSON.stringify({ revision: 4, loaded_at: "2026-11-27 00:00:00", opened: [], closed: ["data/a.csv"] }));
    expect((await ftz(dir, "ingest", join(dir, "data"))).code).toBe(0);
    expect((await readManifest(store(dir))).entries.map((e) => e.revision)).toEqual([1, 2, 3]);
    expect((await readdir(folder)).some((n) => /^4\.superseded-\d+\.json$/.test(n))).toBe(true);
  });
});

describe("ftz check", () => {
  it("says a sound warehouse is sound (exit 0)", async () => {
    const r = await ftz(base, "check");
    expect([r.code, r.out]).toEqual([0, `数据仓库完好：结构版本 ${schemaVersion}，3 个版本，5 个保存的文件 / the warehouse is sound: schema ${schemaVersion}, 3 revisions, 5 kept files (${join(base, "w.duckdb")})\n`]);
  });

  it("finds a missing kept file and says how to get it back (exit 1)", async () => {
    const dir = await copy();
    const a = sha(await readFile(join(dir, "data", "a.csv")));
    await rm(join(keptStore(join(dir, "w.duckdb")), a));
    const r = await ftz(dir, "check");
    expect(r.code).toBe(1);
    expect(r.out).toContain(`missing: 保存的文件 ${a} 缺失`);
    expect(r.out).toContain("if data/a.csv is still unchanged, ftz ingest keeps it again");
    // And that repair works: the file is still in data/ as it was.
    await ftz(dir, "ingest", join(dir, "data"));
    expect((await ftz(dir, "check")).code).toBe(0);
  });

  it("finds a kept file whose bytes no longer hash to its name", async () => {
    const dir = await copy();
    const gbk = sha(await readFile(join(dir, "data", "gbk.csv")));
    const blob = join(keptStore(join(dir, "w.duckdb")), gbk);
    const bytes = await readFile(blob);
    bytes[bytes.length - 2] ^= 1;
    await writeFile(blob, bytes);
    const r = await ftz(dir, "check", "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: { code: string }) => f.code)).toEqual(["corrupt"]);
    expect(report.findings[0].en).toBe(`kept file ${gbk} is corrupt (its bytes do not hash to its name): data/gbk.csv（第 1 版 revision 1）`);
    expect((await ftz(dir, "rebuild")).code).toBe(1);
  });

  it("finds rows a killed load left beyond the last revision; ftz ingest takes them back", async () => {
    const dir = await copy();
    // What DuckDB's torn WAL replay leaves (warehouse/repair.ts): rows of a revision 4 never recorded.
    await withConnection(join(dir, "w.duckdb"), (c) => c.run("INSERT INTO observations SELECT * REPLACE (4 AS valid_from) FROM observations WHERE valid_to IS NULL LIMIT 10"));
    const r = await ftz(dir, "check");
    expect(r.code).toBe(1);
    expect(r.out).toContain("a killed load left unrecorded changes: 10 rows newer than revision 3, 0 rows closed by it");
    expect(r.out).toContain(`repair: ftz ingest --db ${join(dir, "w.duckdb")}`);
    expect((await ftz(dir, "ingest", join(dir, "data"))).err).toContain("its 10 unrecorded rows were removed");
    expect((await ftz(dir, "check")).code).toBe(0);
  });

  it("finds a revision whose recorded counts disagree with its rows; ftz rebuild repairs it", async () => {
    const dir = await copy();
    await withConnection(join(dir, "w.duckdb"), (c) => c.run("DELETE FROM observations WHERE valid_from = 2 AND line = 2 AND file = 'data/a.csv'"));
    const r = await ftz(dir, "check");
    expect(r.code).toBe(1);
    expect(r.out).toContain("revision 2 records files +2/−1, rows +6002/−2, but the tables hold files +2/−1, rows +6001/−2");
    const rebuilt = await ftz(dir, "rebuild");
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.err).toContain("the old warehouse's records disagreed with its rows; rebuilt from the kept files: revision 2 recorded files +2/−1, rows +6002/−2; its tables held files +2/−1, rows +6001/−2");
    expect(rebuilt.out).toContain("3 revisions, 5 files, 6005 current rows"); // a.csv 2 + big.csv 6,000 + gbk.csv 3
    expect(await digest(dir)).toEqual(await digest(base));
  });

  it("says the warehouse is absent with exit 3", async () => {
    const r = await ftz(join(root, "nowhere"), "check");
    expect(r.code).toBe(3);
    expect(r.err).toContain("ftz ingest");
  });
});
