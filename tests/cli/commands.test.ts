import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipeline/cli/main.ts";

let dir: string;
let db: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-cli-"));
  db = join(dir, "w.duckdb");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ftz(...args: string[]) {
  let out = "";
  let err = "";
  const code = await main([...args, "--db", db, "--today", "2026-11-27"], { out: (t) => (out += t), err: (t) => (err += t), cwd: process.cwd() });
  return { code, out, err };
}

describe("ftz ingest, status and export on the sample data", () => {
  it("ftz status before any ingest says to run ftz ingest first", async () => {
    const r = await ftz("status");
    expect(r.code).toBe(3);
    expect(r.err).toContain("ftz ingest");
  });

  it("ftz ingest loads the sample data, and a second run reports nothing changed", async () => {
    const first = await ftz("ingest", "data/sample");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/loaded revision 1: 8 files added/);
    const second = await ftz("ingest", "data/sample");
    expect(second.out).toContain("nothing changed: 8 files match revision 1");
  });

  it("ftz status --as-of 2023-12-31 prints every target with its status word and components", async () => {
    const r = await ftz("status", "--as-of", "2023-12-31");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Target status as of 2023-12-31 (revision 1)");
    expect(r.out).toContain("【样例数据 SAMPLE DATA】");
    for (const id of ["T23-1", "T23-2", "T23-3", "T23-4", "T23-5", "T23-6", "T25-1", "T25-2", "T25-3"]) expect(r.out).toContain(`\n${id}  `);
    // The 2023 targets are judged at their deadline: achieved or missed, nothing in between.
    const t23 = r.out.split("\nT23-").slice(1).map((block) => block.split("\n")[1]!);
    for (const line of t23) expect(line).toMatch(/^ {2}(已完成|未完成)/);
  });

  it("ftz status --json gives the same statuses as data", async () => {
    const r = await ftz("status", "--as-of", "2024-06-30", "--json");
    const report = JSON.parse(r.out);
    expect(report.targets).toHaveLength(9);
    expect(Object.values(report.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(9);
    expect(report.targets.every((t: { components: { sample: boolean } }) => t.components.sample)).toBe(true);
  });

  it("ftz export writes the site's files", async () => {
    const out = join(dir, "export");
    const r = await ftz("export", "--out", out, "--as-of", "2026-11-27");
    expect(r.code).toBe(0);
    expect(r.out).toContain("exported 32 files"); // a page file per indicator (the context figure district_gdp added one), the finder's finder.json, sample.json, loaded.json and the overview's status-latest.json
    // Exporting again replaces the previous export.
    expect((await ftz("export", "--out", out, "--as-of", "2026-11-27")).code).toBe(0);
  });

  it("ftz export --out onto a folder it did not write refuses in one line (exit 2) and deletes nothing", async () => {
    const folder = join(dir, "analysts");
    await mkdir(folder);
    await writeFile(join(folder, "mine.csv"), "indicator,entity,period,value\n");
    const r = await ftz("export", "--out", folder, "--as-of", "2026-11-27");
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain("is not an earlier export");
    expect(await readdir(folder)).toEqual(["mine.csv"]);
    expect(await readFile(join(folder, "mine.csv"), "utf8")).toBe("indicator,entity,period,value\n");
    expect((await readdir(dir)).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("ftz with an unknown command or a bad date is a usage error (exit 2)", async () => {
    expect((await ftz("frobnicate")).code).toBe(2);
    expect((await ftz("status", "--as-of", "2023-13-45x")).code).toBe(2);
  });

  it("ftz refuses option values that name nothing real, each in one line with exit 2", async () => {
    for (const [args, words] of [
      [["status", "--as-of", "2023-13-45"], 'real date YYYY-MM-DD, got "2023-13-45"'],
      [["status", "--as-of", "2023-02-29"], 'got "2023-02-29"'],
      [["ingest", "data/sample", "--wait", "abc"], '--wait must be a number of seconds (e.g. 30), got "abc"'],
      [["status", "--revision=-1"], '--revision must be a whole number ≥ 0, got "-1"'],
      [["status", "--revision", "-1"], "see ftz --help"],
      [["status", "--no-such-option"], "see ftz --help"],
    ] as const) {
      const r = await ftz(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.err).toContain(words);
    }
    // (ftz() gives --today itself, so this one calls main directly.)
    let err = "";
    const code = await main(["status", "--db", db, "--today", "2024-02-30"], { out: () => {}, err: (t) => (err += t), cwd: process.cwd() });
    expect([code, err.trim()]).toEqual([2, 'ftz: --today 应为日历上有的日期 YYYY-MM-DD，实际为 "2024-02-30" / --today must be a real date YYYY-MM-DD, got "2024-02-30"']);
    // A leap day is a real date.
    expect((await ftz("status", "--as-of", "2024-02-29")).code).toBe(0);
  });
});
