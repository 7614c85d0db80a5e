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
import { realRegistry } from "../helpers.ts";
import { expectedBriefing } from "./expected.ts";

const asOf = "2025-12-31";
let registry: Registry;
let briefing: Briefing;

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
    recent: recentZonePoints(registry, v.observations, asOf),
    changes: diff(registry, { snapshot: asKnownBy(snapshot, previous), asOf: previous }, { snapshot: asKnownBy(snapshot, asOf), asOf }),
    previous,
    basis: "periods",
  });
});

describe("buildBriefing on the sample data as of 2025-12-31", () => {
  const expected = () => expectedBriefing(asOf, "2025-09-30", "永川高新区", (t) => registry.entities.filter((e) => e.type === "milestone" && e.attrs.target === t).map((e) => e.code));

  it("counts the reform items landed or rolled out, as the status file says", () => {
    expect(briefing.summary.zh).toContain(`${expected().itemsSentence}，无逾期。`);
  });

  it("counts the tasks done and overdue, as the task files say", () => {
    expect(briefing.summary.zh.find((s) => s.startsWith("四张清单"))!.startsWith(expected().tasksPrefix)).toBe(true);
  });

  it("judges every target past its deadline achieved or missed, as the figures at the deadline say", () => {
    expect(briefing.summary.zh[0]).toBe(expected().targetsZh);
    expect(briefing.summary.en[0]).toBe(expected().targetsEn);
  });

  it("counts the values added since the previous quarter's end by their periods", () => {
    expect(briefing.summary.zh.find((s) => s.startsWith("与上次"))!.startsWith(expected().sinceZh)).toBe(true);
  });

  it("marks the briefing as sample data in both languages", () => {
    expect(briefing.sample).toBe(true);
    expect(briefing.summary.zh.at(-1)).toContain("样例数据");
    expect(briefing.summary.en.at(-1)).toContain("sample data");
  });
});
