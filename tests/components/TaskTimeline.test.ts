// @vitest-environment jsdom
import { formatDate } from "../../src/components/i18n.ts";
import { describe, expect, it } from "vitest";
import { lateStyle, TaskTimeline, type TaskRow } from "../../src/components/TaskTimeline.ts";
import { expectSvgSnapshot } from "./snapshot.ts";
import { svgTexts } from "./dom.ts";
import fixture from "./fixtures/tasks-2024-06-30.json" with { type: "json" };

const rows = fixture.rows as unknown as TaskRow[];
const listNames = (lang: "zh" | "en") =>
  new Map(lang === "zh" ? [["replication", "经验复制"], ["policy", "政策争取"], ["cultivation", "成果培育"], ["landing", "项目落地"]] : [["replication", "Replication"], ["policy", "Policy"], ["cultivation", "Cultivation"], ["landing", "Landing"]]);

describe("TaskTimeline", () => {
  it("TaskTimeline(tasks, options) puts every task on the timeline and marks the overdue ones in words (zh)", async () => {
    const chart = TaskTimeline(rows, { width: 800, lang: "zh", asOf: fixture.asOf, listNames: listNames("zh"), document });
    const texts = svgTexts(chart);
    expect(chart.querySelectorAll('[data-mark="dot"] circle')).toHaveLength(rows.length);
    expect(texts.filter((t) => t.endsWith("逾期"))).toHaveLength(rows.filter((r) => r.overdue).length);
    // The as-of date itself, beside its line.
    expect(texts).toContain(`截至${formatDate(fixture.asOf, "zh")}`);
    expect(texts).toContain("样例数据");
    expect(chart.getAttribute("aria-label")).toBe("任务完成时限时间线");
    await expectSvgSnapshot("task-timeline-zh", chart);
  });

  it("TaskTimeline(tasks, options) orders the rows by list, then deadline (en)", async () => {
    const chart = TaskTimeline(rows, { width: 800, lang: "en", asOf: fixture.asOf, listNames: listNames("en"), document });
    const labels = svgTexts(chart.querySelector('[data-mark="y-axis tick label"]')!);
    expect(labels[0]!.startsWith("Replication · ")).toBe(true);
    expect(labels.at(-1)!.startsWith("Landing · ")).toBe(true);
    await expectSvgSnapshot("task-timeline-en", chart);
  });

  it("TaskTimeline(tasks, options) says 逾期完成 / completed late beside a task done after its deadline, in its own colour", () => {
    const done = rows.find((r) => r.status === "done")!;
    const late = [{ ...done, late: true, overdue: false }];
    for (const lang of ["zh", "en"] as const) {
      const chart = TaskTimeline(late, { width: 800, lang, asOf: fixture.asOf, listNames: listNames(lang), document });
      expect(svgTexts(chart)).toContain(`✔ ${lang === "zh" ? "逾期完成" : "completed late"}`);
      expect(chart.getAttribute("aria-description")).toMatch(lang === "zh" ? /逾期完成 1 项/ : /1 completed late/);
      const word = [...chart.querySelectorAll("text")].find((t) => t.textContent === `✔ ${lateStyle[lang]}`)!;
      expect(word.getAttribute("fill")).toBe(lateStyle.colour);
    }
    const onTime = TaskTimeline([{ ...done, late: false }], { width: 800, lang: "zh", asOf: fixture.asOf, listNames: listNames("zh"), document });
    expect(svgTexts(onTime)).toContain("✔ 已完成");
    expect(svgTexts(onTime).some((t) => t.includes("逾期"))).toBe(false);
  });
});
