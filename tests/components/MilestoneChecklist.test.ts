// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { MilestoneChecklist, type ChecklistData } from "../../src/components/MilestoneChecklist.ts";
import { svgTexts } from "./dom.ts";

const data: ChecklistData = {
  rows: [
    { code: "port_freight_hub", zh: "港桥国际货运港口", en: "Gangqiao International Freight Port", due: "2025-12-31", doneOn: null, state: "overdue" },
    { code: "bonded_logistics", zh: "综保区保税物流", en: "Bonded Logistics in the Bonded Zone", due: "2025-12-31", doneOn: "2026-03-31", state: "done_late" },
    { code: "rcep_platform", zh: "产业转移和产能合作平台", en: "RCEP Industry Transfer and Capacity Cooperation Platform", due: "2025-12-31", doneOn: "2024-06-30", state: "done" },
  ],
  start: "2022-05-27",
  deadline: "2025-12-31",
  asOf: "2026-09-30",
  sample: true,
  title: "T25-3",
};

describe("MilestoneChecklist", () => {
  it("MilestoneChecklist(data, options) lists each part with its state in words and the month it was done, and the due date", () => {
    const chart = MilestoneChecklist(data, { width: 560, lang: "zh", document });
    const texts = svgTexts(chart).join("|");
    expect(texts).toContain("✖ 逾期未完成");
    expect(texts).toContain("✔ 逾期完成");
    expect(texts).toContain("2026年3月");
    expect(texts).toContain("✔ 按期完成");
    expect(texts).toContain("截止 2025年12月31日");
    expect(texts).toContain("样例数据");
    // The parts drawn as done, which the overview's test compares with the card's latest figure.
    expect(chart.getAttribute("data-done")).toBe("2");
    expect(chart.querySelectorAll(".done-points circle")).toHaveLength(2);
  });

  it("MilestoneChecklist(data, options) words everything in English on an English page, long names cut to two lines", () => {
    const chart = MilestoneChecklist({ ...data, sample: false }, { width: 390, lang: "en", document });
    const texts = svgTexts(chart);
    expect(texts.join("|")).toContain("Done late");
    expect(texts.join("|")).toContain("Mar 2026");
    expect(texts.some((s) => /[\u4e00-\u9fff]/.test(s))).toBe(false);
    expect(texts).not.toContain("SAMPLE DATA");
  });
});
