// The briefing's sentences against numbers computed here, independently of the pipeline, from the
// sample CSV files themselves (simple string handling, no pipeline code).
import { beforeAll, describe, expect, it } from "vitest";
import { buildBriefing, previousQuarterEnd, asKnownBy, recentZonePoints } from "../../pipeline/briefing.ts";
import { itemBoard, taskBoard, unitBoard } from "../../pipeline/status/boards.ts";
import { freshness } from "../../pipeline/export/freshness.ts";
import { diff } from "../../pipeline/diff.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { computeStatus } from "../../pipeline/status/index.ts";
import { validateFiles } from "../../pipeline/validate/index.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import type { Briefing } from "../../pipeline/briefing.ts";
import type { SeriesPoint } from "../../pipeline/status/series.ts";
import { realRegistry } from "../helpers.ts";
import { expectedBriefing, expectedFinal } from "./expected.ts";

let registry: Registry;
let v: ReturnType<typeof validateFiles>;
const briefings = new Map<string, Briefing>();

function briefingAt(asOf: string): Briefing {
  return buildBriefing(inputAt(asOf));
}

function inputAt(asOf: string) {
  const snapshot = { revision: 1, revisions: [], files: [], observations: v.observations, itemStatuses: v.itemStatuses, tasks: v.tasks, taskStatuses: v.taskStatuses };
  const items = itemBoard(registry, v.itemStatuses, asOf);
  const tasks = taskBoard(v.tasks, v.taskStatuses, asOf);
  const previous = previousQuarterEnd(asOf);
  return {
    registry,
    report: computeStatus({ registry, observations: v.observations, itemStatuses: v.itemStatuses, asOf }),
    items,
    tasks,
    units: unitBoard(registry, items, tasks),
    freshness: freshness(registry, snapshot, asOf),
    recent: recentZonePoints(registry, v.observations, asOf),
    changes: diff(registry, { snapshot: asKnownBy(snapshot, previous), asOf: previous }, { snapshot: asKnownBy(snapshot, asOf), asOf }),
    previous,
    basis: "periods" as const,
  };
}

beforeAll(async () => {
  registry = await realRegistry();
  v = validateFiles(await readDataFiles(await findDataFiles(["data/sample"])), registry, "2026-11-27");
  expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
  for (const asOf of ["2025-06-30", "2025-12-31", "2026-11-27"]) briefings.set(asOf, briefingAt(asOf));
});

const partsOf = (t: string) => registry.entities.filter((e) => e.type === "milestone" && e.attrs.target === t).map((e) => e.code);
const names = (b: Briefing) => [...b.sections.progress.zh, ...b.sections.problems.zh, ...b.sections.suggestions.zh];

describe("buildBriefing's movers", () => {
  it("says a mover's figures as published: its qualifier (约8个), and for a total or a change between qualified figures, their words", () => {
    const point = (key: string, start: string, end: string, value: number, words: Partial<SeriesPoint>): SeriesPoint => ({ period: { key, granularity: "quarter", start, end }, value, qualifier: null, sample: false, origins: [], ...words });
    const recent = new Map([["ftz_aligned_cases", [point("2025-Q2", "2025-04-01", "2025-06-30", 8, { qualifier: "约" }), point("2025-Q3", "2025-07-01", "2025-09-30", 12, { qualified: ["约", "超"] })]]]);
    const b = buildBriefing({ ...inputAt("2025-12-31"), recent });
    expect(b.movers.map((m) => [m.from, m.to])).toEqual([[{ period: "2025-Q2", value: 8, qualifier: "约" }, { period: "2025-Q3", value: 12, qualified: ["约", "超"] }]]);
    expect(b.sections.progress.zh).toContain("变化较大的指标：与重庆自贸区接轨的项目和案例2025年第三季度为12个（含非确数（约、超）），较2025年第二季度增加4个（含非确数（约、超））。");
    expect(b.sections.progress.en.find((x) => x.startsWith("Largest movements"))).toContain("12 cases (includes inexact figures (about, over)) in Q3 2025, up 4 cases (includes inexact figures (about, over))");
    // The same figures exact: nothing added to them.
    const exact = new Map([["ftz_aligned_cases", recent.get("ftz_aligned_cases")!.map((p) => ({ ...p, qualifier: null, qualified: undefined }))]]);
    expect(buildBriefing({ ...inputAt("2025-12-31"), recent: exact }).sections.progress.zh).toContain("变化较大的指标：与重庆自贸区接轨的项目和案例2025年第三季度为12个，较2025年第二季度增加4个。");
  });
});

describe("buildBriefing on the sample data as of 2025-12-31", () => {
  const asOf = "2025-12-31";
  const b = () => briefings.get(asOf)!;
  const expected = () => expectedBriefing(asOf, "2025-09-30", "永川高新区", partsOf);

  it("counts the reform items landed or rolled out, as the status file says", () => {
    expect(b().sections.progress.zh).toContain(`${expected().itemsSentence}，无逾期。`);
  });

  it("counts the tasks done and overdue, as the task files say", () => {
    expect(b().sections.progress.zh.find((s) => s.startsWith("四张清单"))!.startsWith(expected().tasksPrefix)).toBe(true);
  });

  it("judges every target past its deadline achieved or missed, as the figures at the deadline say", () => {
    expect(b().sections.progress.zh[0]).toBe(expected().targetsZh);
    expect(b().sections.progress.en[0]).toBe(expected().targetsEn);
  });

  it("counts the values added since the previous quarter's end by their periods", () => {
    expect(b().sections.progress.zh.find((s) => s.startsWith("与上次"))!.startsWith(expected().sinceZh)).toBe(true);
  });

  it("marks the briefing as sample data in both languages, once", () => {
    expect(b().sample).toBe(true);
    expect(b().note?.zh).toContain("样例数据");
    expect(b().note?.en).toContain("sample data");
    expect(names(b()).filter((s) => s.includes("样例数据"))).toEqual([]);
  });
});

describe("the briefing reads as a 简报: 总体进展 / 存在问题 / 下步建议", () => {
  it("says each sentence in one section only", () => {
    for (const b of briefings.values()) {
      for (const lang of ["zh", "en"] as const) {
        const all = [...b.sections.progress[lang], ...b.sections.problems[lang], ...b.sections.suggestions[lang], ...(b.final?.sentences[lang] ?? [])];
        expect(all.length, b.asOf).toBeGreaterThan(3);
        expect(new Set(all).size, `${b.asOf} ${lang}`).toBe(all.length);
      }
    }
  });

  it("names targets, units and periods in words: no target codes, no 2025-Q4 or 2025-06-30 forms in the sentences", () => {
    for (const b of briefings.values()) {
      for (const lang of ["zh", "en"] as const) {
        for (const s of [...b.sections.progress[lang], ...b.sections.problems[lang], ...b.sections.suggestions[lang], ...(b.final?.sentences[lang] ?? [])]) {
          expect(s, `${b.asOf} ${lang}`).not.toMatch(/T2[35]-\d|\d{4}-(Q|H)\d|\d{4}-\d{2}(-\d{2})?/);
          if (lang === "en") expect(s).not.toMatch(/[\u4e00-\u9fff，。：；（）]/);
        }
      }
    }
  });

  it("as of 30 Jun 2025, names each target behind its pace among the problems and asks for it to be sped up", () => {
    const b = briefings.get("2025-06-30")!;
    const report = computeStatus({ registry, observations: v.observations, itemStatuses: v.itemStatuses, asOf: "2025-06-30" });
    const behind = report.targets.filter((t) => t.status === "lagging" || t.status === "off_track");
    expect(behind.length).toBeGreaterThan(0);
    for (const t of behind) {
      const name = registry.indicators.find((i) => i.id === t.indicator)!.name.zh;
      expect(b.sections.problems.zh.some((s) => s.startsWith(name))).toBe(true);
      expect(b.sections.suggestions.zh).toContain(b.sections.suggestions.zh.find((s) => s.startsWith(`加快推进${name}：`)));
    }
  });

  it("as of 30 Jun 2025, names every unit that owns an overdue task, in problems and suggestions", () => {
    const b = briefings.get("2025-06-30")!;
    // Overdue by 2025-06-30 from the files: deadline before the date and not done by it.
    const done = new Set(v.taskStatuses.filter((s) => s.status === "done" && s.date <= "2025-06-30").map((s) => s.task));
    const overdue = v.tasks.filter((t) => t.deadline < "2025-06-30" && !done.has(t.id));
    expect(overdue.length).toBeGreaterThan(0);
    const unitNames = [...new Set(overdue.flatMap((t) => t.units))].map((u) => registry.entities.find((e) => e.code === u)!.name.zh);
    const problem = b.sections.problems.zh.find((s) => s.startsWith("逾期未完成的涉及"))!;
    const suggestion = b.sections.suggestions.zh.find((s) => s.startsWith("督促"))!;
    for (const n of unitNames) {
      expect(problem).toContain(n);
      expect(suggestion).toContain(n);
    }
    for (const t of overdue) expect(problem).toContain(t.id);
  });

  it("asks for the reports that are missing, by the name of who owes them and the period in words", () => {
    const b = briefings.get("2026-11-27")!;
    expect(b.missing.length).toBeGreaterThan(0);
    for (const m of b.missing) {
      const who = m.entities.map((c) => registry.entities.find((e) => e.code === c)!.name.zh).join("、");
      expect(b.sections.suggestions.zh.some((s) => s.startsWith(`请${who}补报`))).toBe(true);
    }
  });
});

describe("the final assessment (终期评估)", () => {
  it("is offered from the last deadline on, not before", () => {
    expect(briefings.get("2025-06-30")!.final).toBeNull();
    expect(briefings.get("2025-12-31")!.final).not.toBeNull();
    expect(briefings.get("2026-11-27")!.final?.lastDeadline).toBe("2025-12-31");
  });

  it("gives each target's verdict at its deadline and, for those missed, whether it was met since, as the files say", () => {
    const asOf = "2026-11-27";
    const f = briefings.get(asOf)!.final!;
    const atDeadline = expectedBriefing(asOf, "2026-09-30", "永川高新区", partsOf).achievedByTarget;
    const { meetsNow } = expectedFinal(asOf, partsOf);
    expect(f.targets.map((t) => t.target).sort()).toEqual(Object.keys(atDeadline).sort());
    for (const t of f.targets) {
      const want = atDeadline[t.target] ? "on_time" : meetsNow[t.target] ? "late" : "open";
      expect(`${t.target} ${t.outcome}`).toBe(`${t.target} ${want}`);
      expect(t.atDeadline, t.target).not.toBeNull();
      expect(t.latest, t.target).not.toBeNull();
    }
    // Both kinds occur in the sample, so the test can tell them apart.
    expect(f.counts.late).toBeGreaterThan(0);
    expect(f.counts.open).toBeGreaterThan(0);
  });

  it("counts the items and tasks done after their deadline, and each unit's record adds up to them", () => {
    const asOf = "2026-11-27";
    const f = briefings.get(asOf)!.final!;
    const e = expectedFinal(asOf, partsOf);
    expect(f.items.late.length).toBe(e.itemsLate);
    expect([...f.tasks.late].sort()).toEqual([...e.tasksLate].sort());
    expect(f.tasks.onTime).toBe(e.tasksOnTime);
    // A task with two units counts for each: the units' late tasks are at least the distinct ones.
    const unitLate = f.units.reduce((n, u) => n + u.tasks.late, 0);
    expect(unitLate).toBeGreaterThanOrEqual(e.tasksLate.length);
    expect(f.units.length).toBe(registry.entities.filter((x) => x.type === "unit").length);
  });

  it("says it in sentences: the late and the open targets by name", () => {
    const f = briefings.get("2026-11-27")!.final!;
    const late = f.targets.filter((t) => t.outcome === "late").map((t) => t.name.zh);
    const open = f.targets.filter((t) => t.outcome === "open").map((t) => t.name.zh);
    expect(f.sentences.zh.find((s) => s.startsWith("逾期完成："))).toContain(late.join("、"));
    expect(f.sentences.zh.find((s) => s.startsWith("仍未完成："))).toContain(open.join("、"));
  });
});

describe("each sentence says whether it comes from sample rows", () => {
  const sections = (b: Briefing) => [b.sections.progress, b.sections.problems, b.sections.suggestions];
  it("on the sample data every sentence is marked sample, one flag per sentence", () => {
    for (const [asOf, b] of briefings) {
      for (const s of sections(b)) {
        expect(s.sample, asOf).toHaveLength(s.zh.length);
        expect(s.en, asOf).toHaveLength(s.zh.length);
        expect(s.zh.filter((_, i) => !s.sample[i]), asOf).toEqual([]);
      }
    }
  });
  it("the final assessment marks each of its sentences by its own figures: targets' sentences by their observations, the items' and tasks' by theirs", () => {
    const f = briefings.get("2026-11-27")!.final!;
    expect(f.sentences.sample).toEqual(f.sentences.zh.map(() => true));
    expect(f.sentences.en).toHaveLength(f.sentences.zh.length);
    // Only the observations of the targets still open come from sample rows; items and tasks are real.
    const open = new Set(f.targets.filter((t) => t.outcome === "open").map((t) => t.indicator));
    const late = f.targets.filter((t) => t.outcome === "late").map((t) => t.indicator);
    expect(open.size).toBeGreaterThan(0);
    expect(late.some((i) => open.has(i)), "a late target sharing an open target's indicator would blur the check").toBe(false);
    const kept = v;
    const real = <T extends { sample: boolean }>(xs: T[]) => xs.map((x) => ({ ...x, sample: false }));
    v = { ...v, observations: v.observations.map((o) => ({ ...o, sample: open.has(o.indicator) })), itemStatuses: real(v.itemStatuses), tasks: real(v.tasks), taskStatuses: real(v.taskStatuses) };
    try {
      const g = briefingAt("2026-11-27").final!;
      expect(g.sentences.zh).toEqual(f.sentences.zh);
      const marked = (prefix: string) => g.sentences.sample[g.sentences.zh.findIndex((x) => x.startsWith(prefix))];
      expect([marked("方案设定的"), marked("逾期完成："), marked("仍未完成："), marked("改革事项"), marked("四张清单")]).toEqual([true, late.length ? false : undefined, true, false, false]);
      // And the other way round: the observations real, the items and tasks sample. A target counted from
      // the items or tasks (derivedFrom, T23-1) then rests on sample rows, and so do the sentences naming it.
      v = { ...kept, observations: real(kept.observations) };
      const h = briefingAt("2026-11-27").final!;
      const derived = new Set(registry.indicators.filter((i) => i.derivedFrom).map((i) => i.id));
      const anyDerived = (o?: string) => f.targets.some((t) => derived.has(t.indicator) && (o === undefined || t.outcome === o));
      expect(derived.size).toBeGreaterThan(0);
      const byPrefix = (x: string) => (x.startsWith("改革事项") || x.startsWith("四张清单") ? true : x.startsWith("方案设定的") ? anyDerived() : x.startsWith("逾期完成：") ? anyDerived("late") : anyDerived("open"));
      expect(h.sentences.sample).toEqual(h.sentences.zh.map(byPrefix));
    } finally {
      v = kept;
    }
  });

  it("the same figures as real rows: no sentence is marked", () => {
    const real = <T extends { sample: boolean }>(xs: T[]) => xs.map((x) => ({ ...x, sample: false }));
    const kept = v;
    v = { ...v, observations: real(v.observations), itemStatuses: real(v.itemStatuses), tasks: real(v.tasks), taskStatuses: real(v.taskStatuses) };
    try {
      const b = briefingAt("2025-12-31");
      expect(b.sample).toBe(false);
      for (const s of sections(b)) expect(s.sample).toEqual(s.zh.map(() => false));
      // The same sentences otherwise.
      expect(b.sections.progress.zh).toEqual(briefings.get("2025-12-31")!.sections.progress.zh);
    } finally {
      v = kept;
    }
  });
});
