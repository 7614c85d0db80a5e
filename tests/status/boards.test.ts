import { beforeAll, describe, expect, it } from "vitest";
import { doneSince, taskBoard, unitBoard, type TaskRow } from "../../pipeline/status/boards.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});

const task = (id: string, unit: string, done: boolean, overdue = false): TaskRow => ({
  id, list: "L1", title: id, units: [unit], deadline: "2023-12-31", deliverable: "", item: null,
  status: done ? "done" : "in_progress", since: null, done, overdue, doneOn: null, late: false, daysLeft: 0, evidence: "", sample: false, origin: { file: "t.csv", line: 1 },
});

describe("unitBoard ranks units: equal results share a rank", () => {
  it("gives units with the same share done and the same overdue count one rank, and the next the place after them", () => {
    const units = registry.entities.filter((e) => e.type === "unit").map((e) => e.code);
    const [a, b, c, d] = units as [string, string, string, string];
    const rows = unitBoard(registry, [], [task("1", a, true), task("2", b, true), task("3", c, true), task("4", c, false), task("5", d, false, true)]);
    const of = (u: string) => rows.find((r) => r.unit === u)!;
    expect([of(a), of(b)].map((r) => [r.rank, r.tied])).toEqual([[1, true], [1, true]]);
    expect([of(c).rank, of(c).tied]).toEqual([3, false]);
    // Nothing done: the units with no tasks share 4th; d, as little done but one overdue, comes after them.
    const idle = units.filter((u) => ![a, b, c, d].includes(u));
    expect(idle.map((u) => of(u).rank)).toEqual(idle.map(() => 4));
    expect(of(d).rank).toBe(4 + idle.length);
    expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((x, y) => x - y));
  });
});

describe("taskBoard flags a task finished after its deadline as completed late (逾期完成)", () => {
  const origin = { file: "t.csv", line: 2, column: 1 };
  const plan = (id: string, deadline: string) => ({ id, list: "L1", title: id, units: ["commerce"], deadline, deliverable: "", item: null, note: "", source: "", sample: false, origin });
  const report = (task: string, date: string, status: "done" | "in_progress") => ({ task, date, status, evidence: "", note: "", source: "", sample: false, origin });

  it("marks a task done after its deadline late, one done on its deadline on time, and neither overdue", () => {
    const rows = taskBoard([plan("late", "2023-06-30"), plan("ontime", "2023-06-30")], [report("late", "2023-09-15", "done"), report("ontime", "2023-06-30", "done")], "2023-12-31");
    const of = (id: string) => rows.find((r) => r.id === id)!;
    expect([of("late").late, of("late").doneOn, of("late").overdue]).toEqual([true, "2023-09-15", false]);
    expect([of("ontime").late, of("ontime").doneOn]).toEqual([false, "2023-06-30"]);
  });

  it("dates completion by the first 已完成 report, not a later repeat of it", () => {
    const rows = taskBoard([plan("t", "2023-06-30")], [report("t", "2023-05-31", "done"), report("t", "2023-08-31", "done")], "2023-12-31");
    expect([rows[0]!.doneOn, rows[0]!.late]).toEqual(["2023-05-31", false]);
  });

  it("dates a task reopened and done again by its second completion", () => {
    const rows = taskBoard([plan("t", "2023-06-30")], [report("t", "2023-05-31", "done"), report("t", "2023-06-15", "in_progress"), report("t", "2023-08-31", "done")], "2023-12-31");
    expect([rows[0]!.doneOn, rows[0]!.late]).toEqual(["2023-08-31", true]);
  });

  it("is not late before the as-of date reaches the late completion: then it is overdue", () => {
    const rows = taskBoard([plan("t", "2023-06-30")], [report("t", "2023-09-15", "done")], "2023-07-31");
    expect([rows[0]!.late, rows[0]!.overdue, rows[0]!.doneOn]).toEqual([false, true, null]);
  });

  it("doneSince(reports) is null for a task whose last report is not 已完成", () => {
    expect(doneSince([{ date: "2023-01-01", status: "done" }, { date: "2023-02-01", status: "in_progress" }])).toBeNull();
  });
});
