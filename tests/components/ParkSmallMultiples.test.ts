// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { ParkSmallMultiples, type ParkSmallMultiplesData } from "../../src/components/ParkSmallMultiples.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import { svgTexts } from "./dom.ts";
import { periodText } from "../../src/components/i18n.ts";
import fixture from "./fixtures/parks-foreign-trade.json" with { type: "json" };

const data = fixture as ParkSmallMultiplesData;
const withTarget: ParkSmallMultiplesData = { ...data, perEntityTargets: { fenghuanghu: 8 } };
const official: ParkSmallMultiplesData = {
  parks: [...data.parks, { code: "bonded_zone", name: { zh: "永川综合保税区", en: "Yongchuan Comprehensive Bonded Zone" } }],
  series: Object.fromEntries(Object.entries(data.series).map(([code, points]) => [code, points.map((p) => ({ ...p, sample: false }))])),
  unit: data.unit,
};

describe("ParkSmallMultiples", () => {
  it("ParkSmallMultiples(data, options) draws one panel per park with the park's name in the page's language (zh)", async () => {
    const chart = ParkSmallMultiples(withTarget, { width: 640, lang: "zh", document });
    const texts = svgTexts(chart);
    for (const park of data.parks) expect(texts).toContain(park.name.zh);
    // One line per park, on one shared y scale: a single y axis label.
    expect(chart.querySelectorAll('[data-mark="line"] path')).toHaveLength(data.parks.length);
    expect(texts.filter((s) => s === "↑ 亿元")).toHaveLength(1);
    expect(texts).toContain("2024年第二季度：6.97");
    expect(chart.getAttribute("aria-label")).toBe("各园区（亿元）分面折线图，共 4 个园区，纵轴相同");
    await expectSvgSnapshot("park-small-multiples-zh", chart);
  });

  it("ParkSmallMultiples(data, options) writes a figure's qualifier in its panel's latest value and its tooltip (超5, over 5)", () => {
    const first = data.parks[0]!;
    const series = { ...official.series, [first.code]: official.series[first.code]!.map((p, i, all) => (i === all.length - 1 ? { ...p, value: 5, qualifier: "超" } : p)) };
    const last = official.series[first.code]!.at(-1)!;
    const zh = ParkSmallMultiples({ ...official, series }, { width: 640, lang: "zh", document });
    const label = `${periodText(last.period, "zh")}：超5`;
    expect(svgTexts(zh)).toContain(label);
    expect([...zh.querySelectorAll("title")].map((t) => t.textContent)).toContain(`${first.name.zh} ${label} 亿元`);
    const en = ParkSmallMultiples({ ...official, series }, { width: 640, lang: "en", document });
    expect(svgTexts(en).some((t) => t.endsWith(": over 5"))).toBe(true);
  });

  it("ParkSmallMultiples(data, options) draws a park's own target only in that park's panel", () => {
    const chart = ParkSmallMultiples(withTarget, { width: 640, lang: "en", document });
    expect(svgTexts(chart).filter((s) => s.startsWith("Target"))).toEqual(["Target 8"]);
    expect(chart.querySelectorAll('[stroke-dasharray="4,3"] line')).toHaveLength(1);
    const none = ParkSmallMultiples(data, { width: 640, lang: "en", document });
    expect(svgTexts(none).some((s) => s.startsWith("Target"))).toBe(false);
  });

  it("ParkSmallMultiples(data, options) labels panels in English and marks sample data", async () => {
    const chart = ParkSmallMultiples(withTarget, { width: 640, lang: "en", document });
    const texts = svgTexts(chart);
    expect(texts).toContain("Fenghuanghu Industrial Park");
    expect(texts).toContain("SAMPLE DATA");
    expect(texts.some((s) => /[\u4e00-\u9fff]/.test(s))).toBe(false);
    expect(chart.getAttribute("aria-label")).toBe("Small multiples of 4 parks (100 million yuan) on a shared y scale");
    await expectSvgSnapshot("park-small-multiples-en", chart);
  });

  it("ParkSmallMultiples(data, options) shows 暂无数据 in the panel of a park with no data, and no sample mark for official data", async () => {
    const chart = ParkSmallMultiples(official, { width: 800, lang: "zh", document });
    const texts = svgTexts(chart);
    expect(texts).toContain("永川综合保税区");
    expect(texts.filter((s) => s === "暂无数据")).toHaveLength(1);
    expect(texts).not.toContain("样例数据");
    expect(chart.getAttribute("aria-description")).toContain("暂无数据：永川综合保税区");
    await expectSvgSnapshot("park-small-multiples-missing-zh", chart);
  });
});
