// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { StatusStrip, type StatusCounts } from "../../src/components/StatusStrip.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import { svgTexts } from "./dom.ts";

// status.json reports[].counts at 2024-06-30 of the sample data, and at 2026-11-27.
const mid: StatusCounts = { achieved: 4, on_track: 1, lagging: 0, off_track: 2, missed: 2, no_data: 0 };
const end: StatusCounts = { achieved: 5, on_track: 0, lagging: 0, off_track: 0, missed: 4, no_data: 0 };
const none: StatusCounts = { achieved: 0, on_track: 0, lagging: 0, off_track: 0, missed: 0, no_data: 0 };

const segments = (chart: Element) => [...chart.querySelectorAll('[data-mark="bar"] rect')];

describe("StatusStrip", () => {
  it("StatusStrip(counts, options) writes every status word with its symbol and count, zeros too (zh)", async () => {
    const chart = StatusStrip(mid, { width: 640, lang: "zh", sample: true, document });
    const texts = svgTexts(chart);
    for (const label of ["✔ 已完成 4", "● 正常 1", "▲ 滞后 0", "▼ 严重滞后 2", "✖ 未完成 2", "○ 无数据 0"]) expect(texts).toContain(label);
    // One segment per status with a count, in the order of the statuses, widths in proportion.
    expect(segments(chart).map((r) => r.getAttribute("fill"))).toEqual(["#2e7d32", "#1565c0", "#c62828", "#6d4c41"]);
    const widths = segments(chart).map((r) => Number(r.getAttribute("width")));
    expect(widths[0]! / widths[1]!).toBeCloseTo(4, 1);
    expect(texts).toContain("✔ 4");
    expect(texts).toContain("样例数据");
    expect(chart.getAttribute("aria-label")).toBe("目标状态汇总");
    expect(chart.getAttribute("aria-description")).toBe("共 9 项目标：已完成 4 项，正常 1 项，滞后 0 项，严重滞后 2 项，未完成 2 项，无数据 0 项。样例数据，并非官方统计。");
    await expectSvgSnapshot("status-strip-zh", chart);
  });

  it("StatusStrip(counts, options) speaks English when lang is en", async () => {
    const chart = StatusStrip(end, { width: 640, lang: "en", document });
    const texts = svgTexts(chart);
    for (const label of ["✔ Achieved 5", "● On track 0", "▲ Lagging 0", "▼ Off track 0", "✖ Missed 4", "○ No data 0"]) expect(texts).toContain(label);
    expect(texts).not.toContain("SAMPLE DATA");
    expect(chart.getAttribute("aria-label")).toBe("Summary of target statuses");
    expect(chart.getAttribute("aria-description")).toBe("9 targets: achieved 5, on track 0, lagging 0, off track 0, missed 4, no data 0.");
    await expectSvgSnapshot("status-strip-en", chart);
  });

  it("StatusStrip(counts, options) wraps the legend on narrow widths and shows 暂无数据 when there are no targets", async () => {
    const chart = StatusStrip(none, { width: 320, lang: "zh", document });
    expect(segments(chart)).toHaveLength(0);
    expect(svgTexts(chart)).toContain("暂无数据");
    expect(svgTexts(chart)).toContain("○ 无数据 0");
    await expectSvgSnapshot("status-strip-empty-narrow-zh", chart);
  });
});
