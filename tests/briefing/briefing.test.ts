// The briefing's sentences against numbers computed here, independently of the pipeline, from the
// sample CSV files themselves (simple string handling, no pipeline code).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildBriefing, previousQuarterEnd, asKnownBy } from "../../pipeline/briefing.ts";
import { itemBoard, taskBoard, unitBoard } from "../../pipeline/export/boards.ts";
import { freshness } from "../../pipeline/export/freshness.ts";
import { diff } from "../../pipeline/diff.ts";
import { findDataFiles, readDataFiles } from "../../pipeline/files.ts";
import { computeStatus } from "../../pipeline/status/index.ts";
import { validateFiles } from "../../pipeline/validate/index.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import type { Briefing } from "../../pipeline/briefing.ts";
import { realRegistry } from "../helpers.ts";

const asOf = "2025-12-31";
let registry: Registry;
let briefing: Briefing;

const rows = (file: string) =>
  readFileSync(`data/sample/${file}`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));

beforeAll(async () => {
  registry = await realRegistry();
  const v = validateFiles(await readDataFiles(await findDataFiles(["data/sample"])), registry, "2026-11-27");
  expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
  const snapshot = { revision: 1, revisions: [], files: [], observations: v.observations, itemStatuses: v.itemStatuses, tasks: v.tasks, taskStatuses: v.taskStatuses };
  const items = itemBoard(registry, v.itemStatuses, asOf);
  const tasks = taskBoard(v.tasks, v.taskStatuses, asOf);
  const previous = previousQuarterEnd(asOf);
  briefing = buildBriefing({
    registry,
    report: computeStatus({ registry, observations: v.observations, itemStatuses: v.itemStatuses, asOf }),
    items,
    tasks,
    units: unitBoard(registry, items, tasks),
    freshness: freshness(registry, snapshot, asOf),
    observations: v.observations,
    changes: diff(registry, { snapshot: asKnownBy(snapshot, previous), asOf: previous }, { snapshot: asKnownBy(snapshot, asOf), asOf }),
    previous,
    basis: "periods",
  });
});

describe("buildBriefing on the sample data as of 2025-12-31", () => {
  it("counts the reform items landed or rolled out, as the status file says", () => {
    const latest = new Map<string, string>();
    for (const [item, date, status] of rows("reform_item_status.csv").sort((a, b) => (a[1]! < b[1]! ? -1 : 1))) if (date! <= asOf) latest.set(item!, status!);
    const replicated = [...latest.values()].filter((s) => s === "已落地" || s === "已推广").length;
    const na = [...latest.values()].filter((s) => s === "不适用").length;
    expect(briefing.summary.zh).toContain(`33项改革事项已落地或推广${replicated}项，推进中${[...latest.values()].filter((s) => s === "推进中").length}项，不适用${na}项，无逾期。`);
  });

  it("counts the tasks done and overdue, as the task files say", () => {
    const done = new Set(rows("task_status.csv").filter((r) => r[2] === "已完成" && r[1]! <= asOf).map((r) => r[0]));
    const tasks = rows("tasks.csv");
    const overdue = tasks.filter((t) => !done.has(t[0]) && t[4]! < asOf).length;
    const sentence = briefing.summary.zh.find((s) => s.startsWith("四张清单"))!;
    expect(sentence).toMatch(new RegExp(`^四张清单共${tasks.length}项任务，已完成${done.size}项，逾期${overdue}项`));
  });

  it("judges every target past its deadline achieved or missed, as the figures at the deadline say", () => {
    // Cumulative counts at each deadline, read straight from the zone file.
    const zone = rows("zone_indicators.csv");
    const at = (id: string, quarter: string) => Number(zone.find((r) => r[0] === id && r[2] === quarter)![3]!.replace("余", ""));
    const achieved = [at("ftz_aligned_cases", "2023-Q4") >= 5, at("innovation_cases", "2025-Q4") >= 3, at("replicable_experiences", "2025-Q4") >= 5];
    // Milestones: each part's last report by the deadline.
    const ms = rows("milestones.csv");
    const done = (target: string, deadline: string) =>
      registry.entities
        .filter((e) => e.type === "milestone" && e.attrs.target === target)
        .every((p) => ms.filter((r) => r[1] === p.code && `${r[2]}-28` <= deadline).at(-1)?.[3] === "1");
    achieved.push(done("T23-3", "2023-12-31"), done("T23-5", "2023-12-31"), done("T23-6", "2023-12-31"), done("T25-3", "2025-12-31"));
    // T23-1: every applicable item replicated by 2023-12-31.
    const latest = new Map<string, string>();
    for (const [item, date, status] of rows("reform_item_status.csv").sort((a, b) => (a[1]! < b[1]! ? -1 : 1))) if (date! <= "2023-12-31") latest.set(item!, status!);
    achieved.push([...latest.values()].filter((s) => s === "已落地" || s === "已推广").length === 33 - [...latest.values()].filter((s) => s === "不适用").length && latest.size === 33);
    // T23-2: the zone's rank among the peers in 2023-H2, top 3.
    const powers = rows("powers_delegated.csv").filter((r) => r[2] === "2023-H2");
    const own = Number(powers.find((r) => r[1] === "永川高新区")![3]);
    achieved.push(powers.filter((r) => Number(r[3]) > own).length + 1 <= 3);
    const n = achieved.filter(Boolean).length;
    expect(briefing.summary.zh[0]).toBe(`截至2025年12月31日，9项目标中${n ? `已完成${n}项` : ""}${n && 9 - n ? "，" : ""}${9 - n ? `未完成${9 - n}项` : ""}。`);
    expect(briefing.summary.en[0]).toBe(`As of 2025-12-31, of 9 targets: ${[n ? `${n} achieved` : "", 9 - n ? `${9 - n} missed` : ""].filter(Boolean).join(", ")}.`);
  });

  it("counts the values added since the previous quarter's end by their periods", () => {
    const files = ["enterprises_attracted.csv", "foreign_trade_value.csv", "zone_indicators.csv", "powers_delegated.csv", "milestones.csv"];
    // Periods ending after 2025-09-30 and by 2025-12-31: months 2025-10..12, 2025-Q4, 2025-H2.
    const inWindow = (p: string) => ["2025-10", "2025-11", "2025-12", "2025-Q4", "2025-H2"].includes(p);
    let added = 0;
    for (const f of files) {
      const r = rows(f);
      added += f === "enterprises_attracted.csv" ? r.filter((x) => inWindow(x[0]!)).length * 6 : r.filter((x) => inWindow(x[2]!)).length;
    }
    expect(briefing.summary.zh.find((s) => s.startsWith("与上次"))).toMatch(new RegExp(`^与上次（2025年9月30日）相比：新增数据${added}条，修订0条，撤回0条`));
  });

  it("marks the briefing as sample data in both languages", () => {
    expect(briefing.sample).toBe(true);
    expect(briefing.summary.zh.at(-1)).toContain("样例数据");
    expect(briefing.summary.en.at(-1)).toContain("sample data");
  });
});
