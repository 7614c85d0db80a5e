// @vitest-environment jsdom
// The parks page's park selector (issue 12): the chosen park is marked in the small multiples (its
// panel framed) and the heatmap (its row outlined and its label marked ▶), and nowhere when none is chosen.
import { describe, expect, it } from "vitest";
import { Heatmap } from "../../src/components/Heatmap.ts";
import { ParkSmallMultiples, type ParkSmallMultiplesData } from "../../src/components/ParkSmallMultiples.ts";
import { svgTexts } from "./dom.ts";
import fixture from "./fixtures/parks-foreign-trade.json" with { type: "json" };

const data = fixture as ParkSmallMultiplesData;
const framed = (chart: Element) => [...chart.querySelectorAll('[data-mark="rect"] rect')].filter((r) => r.getAttribute("stroke-width") === "2.5" || r.parentElement?.getAttribute("stroke-width") === "2.5");

describe("one park highlighted across the parks page's charts", () => {
  it("ParkSmallMultiples frames exactly the chosen park's panel", () => {
    expect(framed(ParkSmallMultiples(data, { width: 640, lang: "zh", highlight: data.parks[1]!.code, document }))).toHaveLength(1);
    expect(framed(ParkSmallMultiples(data, { width: 640, lang: "zh", document }))).toHaveLength(0);
  });

  it("Heatmap marks the chosen row's label and outlines its cells", () => {
    const cells = ["甲园区", "乙园区"].flatMap((row) => ["指标一", "指标二"].map((column, i) => ({ row, column, value: i + 1, normalised: i })));
    const chart = Heatmap(cells, { width: 640, lang: "zh", highlightRow: "乙园区", document });
    expect(svgTexts(chart)).toContain("▶ 乙园区");
    expect(svgTexts(chart)).not.toContain("▶ 甲园区");
    const outlined = [...chart.querySelectorAll('[data-mark="cell"]')].filter((g) => g.getAttribute("stroke-width") === "2.5");
    expect(outlined).toHaveLength(1);
    expect(outlined[0]!.querySelectorAll("rect")).toHaveLength(2);
    expect(svgTexts(Heatmap(cells, { width: 640, lang: "zh", document })).some((t) => t.startsWith("▶"))).toBe(false);
  });
});
