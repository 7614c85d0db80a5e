// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { RangeNotice, rangeProblem } from "../../src/components/RangeNotice.ts";

describe("the parks page's range notice", () => {
  it("rangeProblem(from, to, series) finds a start after the end, a range with no figures, or nothing wrong", () => {
    expect(rangeProblem("2025-Q2", "2024-Q1", { a: [1] })).toBe("reversed");
    expect(rangeProblem("2024-Q1", "2024-Q2", { a: [], b: [] })).toBe("empty");
    expect(rangeProblem("2024-Q1", "2024-Q2", { a: [], b: [1] })).toBeNull();
    expect(rangeProblem("2024-Q1", "2024-Q1", { a: [1] })).toBeNull();
  });

  it("RangeNotice says what is wrong in Chinese periods on a Chinese page and in English on an English one", () => {
    const zh = RangeNotice("reversed", { lang: "zh", from: "2025-Q2", to: "2024-Q1", asOf: "2026-11-27", document });
    expect(zh.textContent).toBe("所选起始时期（2025年第二季度）晚于截止时期（2024年第一季度），无法绘图：请把“起”改为不晚于“止”的时期。");
    expect(zh.getAttribute("role")).toBe("status");
    const en = RangeNotice("empty", { lang: "en", from: "2024-Q1", to: "2024-Q2", asOf: "2026-11-27", document });
    expect(en.textContent).toBe("No park has a figure for this indicator from Q1 2024 to Q2 2024 as of 27 Nov 2026: choose other periods or another as-of date.");
    expect(en.textContent).not.toMatch(/\p{Script=Han}/u);
  });
});
