// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Checker } from "../../src/components/Checker.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";

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
