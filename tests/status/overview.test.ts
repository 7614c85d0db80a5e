import { beforeAll, describe, expect, it } from "vitest";
import { targetStatus } from "../../pipeline/status/targets.ts";
import { dataUpTo, metLate, milestoneSchedule } from "../../pipeline/status/overview.ts";
import type { Observation } from "../../pipeline/model.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { obs, realRegistry } from "../helpers.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});
const status = (id: string, asOf: string, observations: Observation[]) =>
  targetStatus(registry.indicators.flatMap((i) => i.targets).find((t) => t.id === id)!, { registry, observations, itemStatuses: [], asOf });
const ports = (period: string, ...done: number[]) => ["port_freight_hub", "bonded_logistics", "rcep_platform"].map((p, i) => obs("port_logistics_milestones", p, period, done[i] ?? 0));

describe("milestoneSchedule: a milestone target's dated checklist", () => {
  it("gives each part the target's deadline as its due date, and the day it was reported done", () => {
    const rows = milestoneSchedule(status("T25-3", "2025-09-30", [...ports("2024-06", 1), ...ports("2025-06", 1, 1)]).components);
    expect(rows.map((r) => [r.code, r.due, r.doneOn, r.state])).toEqual([
      ["port_freight_hub", "2025-12-31", "2024-06-30", "done"],
      ["bonded_logistics", "2025-12-31", "2025-06-30", "done"],
      ["rcep_platform", "2025-12-31", null, "pending"],
    ]);
  });
  it("marks a part done after the deadline as done late (逾期完成) and one still open as overdue", () => {
    const rows = milestoneSchedule(status("T25-3", "2026-09-30", [...ports("2025-06", 1), ...ports("2026-03", 1, 1)]).components);
    expect(rows.map((r) => r.state)).toEqual(["done", "done_late", "overdue"]);
    expect(rows[1]!.doneOn).toBe("2026-03-31");
  });
  it("reads the parts as they stand at the as-of date, not at the deadline that judged the target", () => {
    const s = status("T25-3", "2026-09-30", [...ports("2025-06", 1), ...ports("2026-03", 1, 1, 1)]);
    expect(s.components.actual).toBe(1);
    expect(milestoneSchedule(s.components).filter((r) => r.doneOn !== null)).toHaveLength(s.components.latest!.value);
  });
  it("has no rows for a target that has no parts", () => {
    expect(milestoneSchedule(status("T23-4", "2023-06-30", []).components)).toEqual([]);
  });
});

describe("dataUpTo: how recent the overview's figures are", () => {
  it("is the last day covered by any target's latest figure", () => {
    const targets = [status("T23-4", "2024-07-15", [obs("ftz_aligned_cases", "yongchuan", "2024-Q1", 7)]), status("T25-3", "2024-07-15", ports("2024-05", 1))];
    expect(dataUpTo(targets)).toBe("2024-05-31");
  });
  it("is null when no target has a figure", () => {
    expect(dataUpTo([status("T23-4", "2024-07-15", [])])).toBeNull();
  });
});

describe("metLate: a target missed at its deadline and reached since (逾期完成)", () => {
  const cases = (...values: [string, number][]) => values.map(([p, v]) => obs("ftz_aligned_cases", "yongchuan", p, v));
  it("is true when the latest figure meets the target the deadline missed", () => {
    const s = status("T23-4", "2024-07-15", cases(["2023-Q4", 4], ["2024-Q2", 10]));
    expect([s.status, metLate(s)]).toEqual(["missed", true]);
  });
  it("is false while the latest figure still falls short, and for a target met on time", () => {
    expect(metLate(status("T23-4", "2024-07-15", cases(["2023-Q4", 4], ["2024-Q2", 4])))).toBe(false);
    expect(metLate(status("T23-4", "2024-07-15", cases(["2023-Q4", 5])))).toBe(false);
  });
  it("counts a milestone's parts: all done since the deadline", () => {
    const late = status("T25-3", "2026-09-30", [...ports("2025-06", 1), ...ports("2026-03", 1, 1, 1)]);
    expect([late.status, metLate(late)]).toEqual(["missed", true]);
    expect(metLate(status("T25-3", "2026-09-30", [...ports("2025-06", 1), ...ports("2026-03", 1, 1)]))).toBe(false);
  });
});
