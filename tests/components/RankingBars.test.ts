// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { RankingBars, type RankingRow } from "../../src/components/RankingBars.ts";
import type { Lang } from "../../src/components/i18n.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import { svgTexts } from "./dom.ts";
import peers from "./fixtures/peers-powers-delegated.json" with { type: "json" };

const rows = (lang: Lang): RankingRow[] => peers.rows.map((r) => ({ label: r.name[lang], value: r.value, highlight: r.code === peers.selfZone, sample: r.sample }));
const yLabels = (chart: Element) => svgTexts(chart.querySelector('[data-mark="y-axis tick label"]')!);

describe("RankingBars", () => {
  it("RankingBars(rows, options) sorts bars by value, largest first, and labels each bar's value (zh)", async () => {
    const chart = RankingBars(rows("zh"), { width: 640, lang: "zh", unit: peers.unit, threshold: 3, document });
    expect(yLabels(chart)).toEqual(["重庆经开区", "永川高新区", "黔江正阳工业园区", "涪陵高新区", "万州经开区", "垫江高新区", "云阳工业园区", "长寿经开区", "重庆高新区", "重庆公路物流基地"]);
    const texts = svgTexts(chart);
    expect(texts).toContain("25");
    expect(texts).toContain("13");
    expect(chart.querySelectorAll('[data-mark="bar"] rect')).toHaveLength(peers.rows.length);
    expect(chart.getAttribute("aria-label")).toBe("排名条形图，共 10 项，按数值从高到低（项）");
    await expectSvgSnapshot("ranking-bars-zh", chart);
  });

  it("RankingBars(rows, options) labels a figure published with a qualifier as it was (约25, about 25), in its label, tooltip and description", () => {
    const withQualifier = (lang: Lang) => rows(lang).map((r, i) => (i === 0 ? { ...r, qualifier: "约" } : r));
    const zh = RankingBars(withQualifier("zh"), { width: 640, lang: "zh", unit: peers.unit, document });
    const first = withQualifier("zh")[0]!;
    expect(svgTexts(zh).some((t) => t.startsWith(`约${first.value}`))).toBe(true);
    expect([...zh.querySelectorAll("title")].map((t) => t.textContent)).toContain(`${first.label}: 约${first.value} 项`);
    expect(zh.getAttribute("aria-description")).toContain(`${first.label} 约${first.value}`);
    const en = RankingBars(withQualifier("en"), { width: 640, lang: "en", unit: peers.unit, document });
    expect(svgTexts(en).some((t) => t.startsWith(`about ${first.value}`))).toBe(true);
  });

  it("RankingBars(rows, options) marks the highlighted row in words and in a distinct colour", () => {
    const chart = RankingBars(rows("zh"), { width: 640, lang: "zh", unit: peers.unit, document });
    expect(svgTexts(chart)).toContain("24 ◀ 本区");
    const fills = [...chart.querySelectorAll('[data-mark="bar"] rect')].map((r) => r.getAttribute("fill"));
    expect(new Set(fills).size).toBe(2);
    expect(fills.filter((f) => f === fills[1])).toHaveLength(1); // the second bar is this zone's, and only it has that colour
    expect(chart.getAttribute("aria-description")).toContain("本区为第 2 条");
  });

  it("RankingBars(rows, options) draws the threshold as a line between rank 3 and rank 4, labelled top 3 (en)", async () => {
    const chart = RankingBars(rows("en"), { width: 640, lang: "en", unit: peers.unit, threshold: 3, document });
    const texts = svgTexts(chart);
    expect(texts).toContain("top 3");
    expect(texts).toContain("24 ◀ this zone");
    expect(texts).toContain("SAMPLE DATA");
    // The dashed line lies halfway between the third and the fourth bar.
    const bars = [...chart.querySelectorAll('[data-mark="bar"] rect')].map((r) => ({ y: Number(r.getAttribute("y")), h: Number(r.getAttribute("height")) }));
    const rule = chart.querySelector('[stroke-dasharray="5,3"]')!;
    const transform = rule.getAttribute("transform") ?? "";
    const y = Number(rule.querySelector("line")!.getAttribute("y1")) + Number(/translate\([^,]+,([-\d.]+)\)/.exec(transform)?.[1] ?? 0);
    expect(y).toBeGreaterThan(bars[2]!.y + bars[2]!.h);
    expect(y).toBeLessThan(bars[3]!.y);
    expect(Math.abs(y - (bars[2]!.y + bars[2]!.h + bars[3]!.y) / 2)).toBeLessThan(1);
    expect(chart.getAttribute("aria-label")).toBe("Ranking of 10 rows by value, highest first (powers)");
    await expectSvgSnapshot("ranking-bars-en", chart);
  });

  it("RankingBars(rows, options) draws no threshold line when there are no more rows than the threshold, and no sample mark for official data", () => {
    const official = rows("zh").slice(0, 3).map((r) => ({ ...r, sample: false }));
    const chart = RankingBars(official, { width: 640, lang: "zh", threshold: 3, document });
    expect(chart.querySelector('[stroke-dasharray="5,3"]')).toBeNull();
    expect(svgTexts(chart)).not.toContain("前 3 名");
    expect(svgTexts(chart)).not.toContain("样例数据");
  });

  it("RankingBars(rows, options) puts the top-3 line under every row tied for 3rd (11, 11: 并列第3), and none where the ties fill every row", () => {
    const ruleY = (chart: Element) => {
      const rule = chart.querySelector('[stroke-dasharray="5,3"]')!;
      return Number(rule.querySelector("line")!.getAttribute("y1")) + Number(/translate\([^,]+,([-\d.]+)\)/.exec(rule.getAttribute("transform") ?? "")?.[1] ?? 0);
    };
    const tied: RankingRow[] = [15, 12, 11, 11, 9, 3].map((value, k) => ({ label: `园区${k + 1}`, value }));
    const chart = RankingBars(tied, { width: 640, lang: "zh", threshold: 3, document });
    const bars = [...chart.querySelectorAll('[data-mark="bar"] rect')].map((r) => ({ y: Number(r.getAttribute("y")), h: Number(r.getAttribute("height")) }));
    expect(ruleY(chart)).toBeGreaterThan(bars[3]!.y + bars[3]!.h); // under the second 11, not between the two
    expect(ruleY(chart)).toBeLessThan(bars[4]!.y);
    const allTied = RankingBars([5, 5, 5, 5].map((value, k) => ({ label: `园区${k + 1}`, value })), { width: 640, lang: "zh", threshold: 3, document });
    expect(allTied.querySelector('[stroke-dasharray="5,3"]')).toBeNull();
  });
});
