// `ftz validate` as an analyst and CI run it: located lines on stdout, the exit code, --json.

import { describe, expect, it } from "vitest";
import { main, type Io } from "../../pipeline/cli/main.ts";
import { fixture, today } from "./fixtures.ts";
import type { Problem } from "../../pipeline/problems.ts";

async function run(...args: string[]) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), cwd: process.cwd() };
  const code = await main(args, io);
  return { code, out, err };
}

describe("ftz validate", () => {
  it("main(['validate', file]) prints path:line:column: error code, Chinese / English, and exits 1", async () => {
    const r = await run("validate", fixture("negative_count.csv"), "--today", today);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out.split("\n")).toEqual([
      "tests/fixtures/validate/negative_count.csv:2:4: error negative_count 计数不能为负数：-3，应 ≥ 0 / a count cannot be negative: -3; expected ≥ 0",
      "检查了 1 个文件、1 行：1 个错误，0 个警告 / checked 1 files, 1 rows: 1 errors, 0 warnings",
      "",
    ]);
  });

  it("main(['validate', file]) prints a whole-file problem with the path alone", async () => {
    const r = await run("validate", fixture("empty.csv"), "--today", today);
    expect(r.code).toBe(1);
    expect(r.out).toContain("tests/fixtures/validate/empty.csv: error empty_file 文件为空 / the file is empty\n");
  });

  it("main(['validate', file]) exits 0 on a clean file and says so", async () => {
    const r = await run("validate", fixture("good_long_en.csv"), "--today", today);
    expect(r.code).toBe(0);
    expect(r.out).toBe("检查了 1 个文件、8 行：0 个错误，0 个警告 / checked 1 files, 8 rows: 0 errors, 0 warnings\n");
  });

  it("main(['validate', file]) exits 0 when there are warnings only, and prints them", async () => {
    const r = await run("validate", fixture("incomplete_period.csv"), "--today", today);
    expect(r.code).toBe(0);
    expect(r.out).toContain("tests/fixtures/validate/incomplete_period.csv:2:3: warning incomplete_period ");
  });

  it("main(['validate', a, b]) reports a duplicate across the files it is given, naming the other file:line", async () => {
    const r = await run("validate", fixture("duplicate_across_1.csv"), fixture("duplicate_across_2.csv"), "--today", today);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "tests/fixtures/validate/duplicate_across_2.csv:3:4: error duplicate 重复：(指标 innovation_cases，主体 yongchuan，时期 2023) 已在 tests/fixtures/validate/duplicate_across_1.csv:2 出现",
    );
  });

  it("main(['validate', file, '--json']) prints parseable JSON with the counts and the problems", async () => {
    const r = await run("validate", fixture("bad_period.csv"), "--today", today, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { files: number; rows: number; errors: number; warnings: number; problems: Problem[] };
    expect(json).toMatchObject({ files: 1, rows: 4, errors: 3, warnings: 1 });
    expect(json.problems.map((p) => [p.severity, p.code, p.file, p.line, p.column, p.value])).toEqual([
      ...["2023-13", "2023-Q5", "2023-02-30"].map((v, i) => ["error", "bad_period", "tests/fixtures/validate/bad_period.csv", i + 2, 3, v]),
      ["warning", "period_from_serial", "tests/fixtures/validate/bad_period.csv", 5, 3, "45107"],
    ]);
    expect(json.problems[0]!.zh).toContain("没有 13 月");
  });

  it("main(['validate', file, '--json']) on a clean file prints no problems and exits 0", async () => {
    const r = await run("validate", fixture("good_gbk.csv"), "--today", today, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ files: 1, rows: 3, errors: 0, warnings: 0, problems: [] });
  });

  it("main(['validate', file]) takes today from --today: the same incomplete period is an error a year earlier", async () => {
    const r = await run("validate", fixture("incomplete_period.csv"), "--today", "2025-11-27");
    expect(r.code).toBe(1);
    expect(r.out).toContain("incomplete_period.csv:2:3: error future_period ");
  });

  it("main(['validate', file, '--today', 'tomorrow']) is a usage error (exit 2)", async () => {
    const r = await run("validate", fixture("good_long_en.csv"), "--today", "tomorrow");
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--today must be a real date YYYY-MM-DD, got "tomorrow"`);
  });
});
