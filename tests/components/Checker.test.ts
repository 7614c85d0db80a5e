// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Checker } from "../../src/components/Checker.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";
import type { LoadedIndex } from "../../pipeline/validate/loaded.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});
const file = (path: string, name = path.split("/").pop()!) => new File([readFileSync(path)], name);

describe("Checker", () => {
  it("Checker(registry, options).check(files) shows a bad file's errors with their line and column", async () => {
    const el = Checker(registry, { lang: "zh", today: "2026-11-27", document });
    await el.check([file("tests/fixtures/validate/negative_count.csv")]);
    const problem = el.querySelector(".problem.error") as HTMLElement;
    expect([problem.dataset.code, problem.dataset.line, problem.dataset.column]).toEqual(["negative_count", "2", "4"]);
    expect(problem.textContent).toContain("第 2 行第 4 列");
    expect(el.querySelector(".checker-summary")!.textContent).toMatch(/1 个错误/);
  });
  it("Checker(registry, options).check(files) reads a GBK file and accepts it", async () => {
    const el = Checker(registry, { lang: "en", today: "2026-11-27", document });
    await el.check([file("tests/fixtures/validate/good_gbk.csv")]);
    expect(el.querySelector(".checker-summary")!.textContent).toContain("0 errors");
    expect(el.querySelector(".checker-files li")!.textContent).toContain("GB18030");
  });
  it("Checker(registry, {loaded}) checks against what is loaded, fetching it once: a dropped file of a stored file's name replaces it", async () => {
    // The warehouse holds ftz_aligned_cases 2023-Q2 at data/2023/cases.csv:3 (loaded.json's shape).
    const index: LoadedIndex = { revision: 4, files: ["data/2023/cases.csv"], observations: [[0, "ftz_aligned_cases", "yongchuan", false, ["2023-Q1", "2023-Q2"], [2, 3]]], itemStatuses: [], tasks: [], taskStatuses: [] };
    let fetched = 0;
    const el = Checker(registry, { lang: "zh", today: "2026-11-27", document, loaded: async () => (fetched++, index) });
    const csv = (name: string) => new File(["indicator,entity,period,value,source\nftz_aligned_cases,yongchuan,2023-Q2,3,区商务委\n"], name);
    await el.check([csv("other.csv")]);
    const problem = el.querySelector(".problem.error") as HTMLElement;
    expect([problem.dataset.code, problem.dataset.line]).toEqual(["duplicate", "2"]);
    expect(problem.textContent).toContain("data/2023/cases.csv:3");
    expect(el.querySelector(".checker-loaded")!.textContent).toBe("已对照数据仓库第 4 版（1 个已导入文件）检查重复和任务编号。");
    // The same row, revised, in a file of the stored file's name: it replaces that file, as ingest would.
    await el.check([csv("cases.csv")]);
    expect(el.querySelector(".problem")).toBeNull();
    expect(el.querySelector(".checker-summary")!.textContent).toContain("可以提交");
    expect(el.querySelector(".checker-loaded")!.textContent).toContain("cases.csv → data/2023/cases.csv");
    expect(fetched).toBe(1);
  });
  it("Checker(registry, options).check(files) reads a workbook, each problem in its sheet with Excel's column letter", async () => {
    const el = Checker(registry, { lang: "zh", today: "2026-11-27", document });
    await el.check([file("tests/fixtures/excel/located.xlsx")]);
    const problem = el.querySelector(".problem.error") as HTMLElement;
    expect([problem.dataset.code, problem.dataset.line, problem.dataset.column]).toEqual(["negative_count", "3", "4"]);
    expect(problem.querySelector(".where")!.textContent).toBe("located.xlsx[二月]:3:D");
    expect(problem.textContent).toContain("工作表“二月”第 3 行 D 列");
    expect(el.querySelector(".checker-files li")!.textContent).toBe("located.xlsx: Excel 工作簿 · 长表 · 3 行");
    expect((problem.querySelector(".where") as HTMLElement).title).toBe("negative_count");
  });
  it("on an English page, a workbook's Chinese sheet name is marked as written in Chinese (one language per page)", async () => {
    const el = Checker(registry, { lang: "en", today: "2026-11-27", document });
    await el.check([file("tests/fixtures/excel/located.xlsx")]);
    const place = el.querySelector(".problem.error .place") as HTMLElement;
    expect(place.textContent).toBe('sheet "二月", row 3, column D: ');
    expect(place.querySelector('[lang="zh-CN"]')!.textContent).toBe("二月");
    expect(el.querySelector(".checker-files li")!.textContent).toBe("located.xlsx: Excel workbook · long format · 3 rows");
  });
});
