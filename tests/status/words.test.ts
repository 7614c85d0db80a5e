import { describe, expect, it } from "vitest";
import { clauseText, dateText, figureText, periodText, singular } from "../../pipeline/status/words.ts";

describe("periodText, dateText: periods and dates as Chinese and English text", () => {
  it("writes quarters, halves, months, years and days", () => {
    expect(["2023-Q4", "2023-H2", "2026-10", "2023", "2026-12-02"].map((k) => periodText(k, "zh"))).toEqual(["2023年第四季度", "2023年下半年", "2026年10月", "2023年", "2026年12月2日"]);
    expect(["2023-Q4", "2023-H1", "2026-10", "2023", "2026-12-02"].map((k) => periodText(k, "en"))).toEqual(["Q4 2023", "H1 2023", "Oct 2026", "2023", "2 Dec 2026"]);
    expect(dateText("2023-12-31", "zh")).toBe("2023年12月31日");
  });
  it("writes runs of months or years as offices do (year to date, across years, multi-year) and a stock at a date", () => {
    const keys = ["2024-01~2024-08", "2021-01~2024-06", "2017~2021", "~2021-03-31"];
    expect(keys.map((k) => periodText(k, "zh"))).toEqual(["2024年1—8月", "2021年1月—2024年6月", "2017—2021年", "截至2021年3月31日"]);
    expect(keys.map((k) => periodText(k, "en"))).toEqual(["Jan–Aug 2024", "Jan 2021 – Jun 2024", "2017–2021", "as of 31 Mar 2021"]);
  });
});

describe("clauseText: the plan's clauses cited in English", () => {
  it("numbers sections and annex rows, and leaves Chinese as it is", () => {
    expect(clauseText("一（三）；三（一）；附件", "en")).toBe("1(3); 3(1); Annex");
    expect(clauseText("附件 第2、7、8行", "en")).toBe("Annex, rows 2, 7, 8");
    expect(clauseText("附件 第1行", "en")).toBe("Annex, row 1");
    expect(clauseText("一（三）", "zh")).toBe("一（三）");
  });
});

describe("figureText: one precision per kind of figure", () => {
  it("shows shares with one decimal, counts whole, amounts with two, and English units in the singular for one", () => {
    expect(figureText(45.16129, "share", { zh: "%", en: "%" }, "zh")).toBe("45.2%");
    expect(figureText(100, "share", { zh: "%", en: "%" }, "en")).toBe("100%");
    expect(figureText(3.42, "cumulative", { zh: "个", en: "cases" }, "zh")).toBe("3个");
    expect(figureText(0.9, "cumulative", { zh: "个", en: "cases" }, "en")).toBe("1 case");
    expect(figureText(12.345, "amount", { zh: "亿元", en: "100 million yuan" }, "en")).toBe("12.35 100 million yuan");
    expect(["cases", "facilities", "100 million yuan", "%"].map(singular)).toEqual(["case", "facility", "100 million yuan", "%"]);
  });
});
