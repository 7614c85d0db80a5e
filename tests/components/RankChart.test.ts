// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { RankChart, type RankData } from "../../src/components/RankChart.ts";
import { svgTexts } from "./dom.ts";

const data: RankData = {
  points: [
    { period: "2022-H2", end: "2022-12-31", rank: 5, of: 10, tied: false, sample: true },
    { period: "2023-H1", end: "2023-06-30", rank: 1, of: 10, tied: false, sample: true },
    { period: "2023-H2", end: "2023-12-31", rank: 2, of: 10, tied: true, sample: true },
  ],
  threshold: 3,
  start: "2022-05-27",
  deadline: "2023-12-31",
  asOf: "2024-03-31",
  title: "T23-2",
};

describe("RankChart", () => {
  it("RankChart(data, options) draws the rank in every period with 1st at the top and the threshold as a line", () => {
    const chart = RankChart(data, { width: 480, lang: "zh", document });
    const texts = svgTexts(chart);
    expect(texts).toContain("目标：前3名");
    expect(texts).toContain("第1名");
    expect(texts).toContain("截至 2024年3月31日");
    expect(texts).toContain("样例数据");
    const dots = [...chart.querySelectorAll(".actual-points circle")];
    expect(dots.map((d) => [d.getAttribute("data-period"), d.getAttribute("data-value")])).toEqual([["2022-H2", "5"], ["2023-H1", "1"], ["2023-H2", "2"]]);
    // Reversed: rank 1 is drawn above rank 5 (a smaller y).
    const y = (d: Element) => Number(d.getAttribute("cy") ?? /translate\([^,]+,([^)]+)\)/.exec(d.getAttribute("transform") ?? "")?.[1]);
    expect(y(dots[1]!)).toBeLessThan(y(dots[0]!));
    expect(chart.getAttribute("aria-description")).toContain("最新 2023年下半年 并列第2名（共10个）");
  });

  it("RankChart(data, options) speaks English on an English page and says when there is no data", () => {
    const chart = RankChart({ ...data, points: [] }, { width: 390, lang: "en", document });
    const texts = svgTexts(chart);
    expect(texts).toContain("Target: top 3");
    expect(texts).toContain("No data");
    expect(texts.some((s) => /[\u4e00-\u9fff]/.test(s))).toBe(false);
    expect(texts).not.toContain("SAMPLE DATA");
  });
});
