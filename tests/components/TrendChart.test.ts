// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { TrendChart, type TrendData } from "../../src/components/TrendChart.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import { svgTexts } from "./dom.ts";
import trend from "./fixtures/trend-T25-2.json" with { type: "json" };

const data = trend as TrendData;
const official: TrendData = { ...data, points: data.points.map((p) => ({ ...p, sample: false })) };
const milestone: TrendData = {
  points: [
    { period: "2022-12-31", start: "2022-12-31", end: "2022-12-31", value: 0, sample: false },
    { period: "2023-06-30", start: "2023-06-30", end: "2023-06-30", value: 1, sample: false },
    { period: "2024-03-31", start: "2024-03-31", end: "2024-03-31", value: 2, sample: false },
  ],
  start: "2022-05-27",
  baseline: null,
  deadline: "2024-06-30",
  targetValue: null,
  comparator: "",
  asOf: "2024-06-30",
  unit: { zh: "项", en: "parts" },
};

describe("TrendChart", () => {
  it("TrendChart(data, options) draws actual values, the target, the straight path and the as-of date (zh)", async () => {
    const chart = TrendChart(data, { width: 640, lang: "zh", document });
    const texts = svgTexts(chart);
    expect(texts).toContain("目标 5");
    expect(texts).toContain("序时进度");
    expect(texts).toContain("截至 2024年6月30日");
    expect(texts).toContain("2023年");
    // One dot per period plus the target's ring; the path is a dashed line.
    expect(chart.querySelectorAll("circle")).toHaveLength(data.points.length + 1);
    expect(chart.querySelector('[stroke-dasharray="6,4"]')).not.toBeNull();
    expect(chart.getAttribute("aria-label")).toBe("T25-2 进度图：实际值与目标（2025年12月31日前达到 5）");
    expect(chart.getAttribute("aria-description")).toContain("最新 2024年第二季度 为 3 条");
    await expectSvgSnapshot("trend-chart-zh", chart);
  });

  it("TrendChart(data, options) labels everything in English when lang is en", async () => {
    const chart = TrendChart(data, { width: 640, lang: "en", document });
    const texts = svgTexts(chart);
    expect(texts).toContain("Target 5");
    expect(texts).toContain("Planned pace");
    expect(texts).toContain("As of 30 Jun 2024");
    expect(texts).toContain("SAMPLE DATA");
    expect(texts.some((s) => /[\u4e00-\u9fff]/.test(s))).toBe(false);
    expect(chart.getAttribute("aria-label")).toBe("T25-2: progress chart of the actual values against the target (5 by 31 Dec 2025)");
    await expectSvgSnapshot("trend-chart-en", chart);
  });

  it("TrendChart(data, options) writes each point's figure and period on its dot, the last being the latest", () => {
    const chart = TrendChart(data, { width: 640, lang: "zh", document });
    const dots = [...chart.querySelectorAll(".actual-points circle")];
    expect(dots.map((d) => [d.getAttribute("data-period"), Number(d.getAttribute("data-value"))])).toEqual(data.points.map((p) => [p.period, p.value]));
  });

  it("TrendChart(data, options) says each figure as published: 约 and 超 in its tooltip and the description, and which qualified figures a total holds", () => {
    const published: TrendData = {
      ...milestone,
      unit: { zh: "亿元", en: "100 million yuan" },
      points: [
        { period: "2023", start: "2023-01-01", end: "2023-12-31", value: 30, sample: false, qualifier: "约" },
        { period: "2024", start: "2024-01-01", end: "2024-12-31", value: 12345, sample: false, qualifier: "余" },
        { period: "2025", start: "2025-01-01", end: "2025-12-31", value: 55, sample: false, parts: 2, qualified: ["约", "超"] },
      ],
      asOf: "2025-12-31",
    };
    const tips = (lang: "zh" | "en") => [...TrendChart(published, { width: 640, lang, document }).querySelectorAll(".actual-points circle title")].map((t) => t.textContent);
    expect(tips("zh")).toEqual(["2023年：约30 亿元", "2024年：1.23万余 亿元", "2025年：55 亿元（含非确数（约、超））"]);
    expect(tips("en")).toEqual(["2023: about 30 100 million yuan", "2024: over 12,345 100 million yuan", "2025: 55 100 million yuan (includes inexact figures (about, over))"]);
    const last = { ...published, points: published.points.slice(0, 1) };
    expect(TrendChart(last, { width: 640, lang: "zh", document }).getAttribute("aria-description")).toContain("最新 2023年 为 约30 亿元");
    expect(TrendChart(last, { width: 640, lang: "en", document }).getAttribute("aria-description")).toContain("latest 2023: about 30 100 million yuan");
  });

  it("TrendChart(data, options) marks sample data in the plot area, and only sample data", () => {
    expect(svgTexts(TrendChart(data, { width: 640, lang: "zh", document }))).toContain("样例数据");
    expect(svgTexts(TrendChart(official, { width: 640, lang: "zh", document }))).not.toContain("样例数据");
    expect(svgTexts(TrendChart(official, { width: 640, lang: "en", document }))).not.toContain("SAMPLE DATA");
  });

  it("TrendChart(data, options) skips the target and the straight path when targetValue is null (milestones)", async () => {
    const chart = TrendChart(milestone, { width: 640, lang: "zh", document });
    const texts = svgTexts(chart);
    expect(texts.some((s) => s.startsWith("目标"))).toBe(false);
    expect(texts).not.toContain("序时进度");
    expect(texts).toContain("截至 2024年6月30日");
    expect(chart.querySelector('[stroke-dasharray="6,4"]')).toBeNull();
    expect(chart.querySelectorAll("circle")).toHaveLength(3);
    expect(chart.getAttribute("aria-label")).toBe("进度图：实际值");
    await expectSvgSnapshot("trend-chart-milestone-zh", chart);
  });

  it("TrendChart(data, options) writes the comparator when lower is better, and draws y from 0", () => {
    const lower = TrendChart({ ...official, baseline: 10, targetValue: 4, comparator: "<=" }, { width: 640, lang: "en", document });
    expect(svgTexts(lower)).toContain("Target ≤ 4");
    expect(svgTexts(lower.querySelector('[data-mark="y-axis tick label"]')!)[0]).toBe("0");
  });

  it("TrendChart(data, options) says there is no data when there are no points", () => {
    const chart = TrendChart({ ...official, points: [] }, { width: 640, lang: "zh", document });
    expect(svgTexts(chart)).toContain("暂无数据");
    expect(svgTexts(chart)).toContain("目标 5");
  });
});
