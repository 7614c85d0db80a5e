// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { Heatmap, type HeatmapCell } from "../../src/components/Heatmap.ts";
import type { Lang } from "../../src/components/i18n.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import { svgTexts } from "./dom.ts";
import fixture from "./fixtures/parks-boards.json" with { type: "json" };

/** Cells as src/[lang]/parks.md makes them from parks.json: park × indicator (with its period). */
function cells(asOf: string, lang: Lang): HeatmapCell[] {
  const board = fixture.boards.find((b) => b.asOf === asOf)!;
  const park = new Map(fixture.parks.map((p) => [p.code, p.name[lang]]));
  const indicator = new Map(fixture.indicators.map((i) => [i.id, i.name[lang]]));
  return board.indicators.flatMap((c) =>
    c.rows.map((r) => ({ row: park.get(r.park)!, column: `${indicator.get(c.indicator)}（${c.period ?? "—"}）`, value: r.value, normalised: r.normalised, sample: r.sample })),
  );
}

/** The texts written in cells: numbers and dashes (the legend and the sample mark are words). */
const cellTexts = (chart: Element) => svgTexts(chart).filter((t) => /^[-\d,.万亿—]+$/.test(t));

describe("Heatmap", () => {
  it("Heatmap(cells, options) shades park × indicator cells and writes each value in its cell (zh)", async () => {
    const chart = Heatmap(cells("2024-06-30", "zh"), { width: 640, lang: "zh", document });
    expect(chart.querySelectorAll('[data-mark="cell"] rect')).toHaveLength(12);
    const texts = svgTexts(chart);
    expect(texts).toContain("凤凰湖产业园");
    expect(texts).toContain("6.97");
    expect(texts).toContain("样例数据");
    // The lowest park of a column (normalised 0) and the highest (1) get the two ends of the scale.
    const fill = (row: string, col: number) => chart.querySelectorAll('[data-mark="cell"] rect')[fixture.parks.findIndex((p) => p.name.zh === row) + col * 6]!.getAttribute("fill");
    expect(fill("凤凰湖产业园", 1)).toBe("rgb(222, 235, 247)");
    expect(chart.getAttribute("aria-label")).toBe("热力图：6 个园区 × 2 项指标，按指标归一化着色，格内为数值");
    await expectSvgSnapshot("heatmap-zh", chart);
  });

  it("Heatmap(cells, options) writes — on a neutral fill for null cells", async () => {
    const some = cells("2024-06-30", "en").map((c, i) => (i === 1 ? { ...c, value: null, normalised: null } : c));
    const chart = Heatmap(some, { width: 640, lang: "en", document });
    expect(cellTexts(chart).filter((t) => t === "—")).toHaveLength(1);
    const neutral = chart.querySelectorAll('[data-mark="cell"]')[1]!;
    expect(neutral.getAttribute("fill")).toBe("var(--theme-foreground-faintest, #e3e3e3)");
    expect(neutral.querySelectorAll("rect")).toHaveLength(1);
    expect(svgTexts(chart)).toContain("SAMPLE DATA");
    await expectSvgSnapshot("heatmap-en", chart);

    const empty = Heatmap(cells("2022-06-30", "zh"), { width: 640, lang: "zh", document });
    expect(cellTexts(empty).filter((t) => t === "—")).toHaveLength(6);
  });

  it("Heatmap(cells, options) writes a figure's qualifier in its cell and tooltip (超1,234.5, over 1,234.5)", () => {
    const qualified: HeatmapCell[] = [
      { row: "A", column: "X", value: 1234.5, normalised: 1, qualifier: "超" },
      { row: "B", column: "X", value: 3, normalised: 0 },
    ];
    const zh = Heatmap(qualified, { width: 400, lang: "zh", document });
    expect(svgTexts(zh)).toContain("超1,234.5");
    expect([...zh.querySelectorAll("title")].map((t) => t.textContent)).toContain("A · X: 超1,234.5");
    expect(zh.getAttribute("aria-description")).toContain("A 超1,234.5");
    expect(svgTexts(Heatmap(qualified, { width: 400, lang: "en", document }))).toContain("over 1,234.5");
  });

  it("Heatmap(cells, options) formats values with formatNumber in the page's language", () => {
    const big: HeatmapCell[] = [
      { row: "A", column: "X", value: 123456, normalised: 1 },
      { row: "B", column: "X", value: 1234.5, normalised: 0 },
    ];
    expect(cellTexts(Heatmap(big, { width: 400, lang: "zh", document }))).toEqual(["1,234.5", "12.35万"]);
    expect(cellTexts(Heatmap(big, { width: 400, lang: "en", document }))).toEqual(["1,234.5", "123,456"]);
    expect(svgTexts(Heatmap(big, { width: 400, lang: "en", document }))).not.toContain("SAMPLE DATA");
  });
});
