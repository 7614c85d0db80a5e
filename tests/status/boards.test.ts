import { beforeAll, describe, expect, it } from "vitest";
import { unitBoard, type TaskRow } from "../../pipeline/status/boards.ts";
import type { Registry } from "../../pipeline/registry/types.ts";
import { realRegistry } from "../helpers.ts";

let registry: Registry;
beforeAll(async () => {
  registry = await realRegistry();
});

const task = (id: string, unit: string, done: boolean, overdue = false): TaskRow => ({
  id, list: "L1", title: id, units: [unit], deadline: "2023-12-31", deliverable: "", item: null,
  status: done ? "done" : "in_progress", since: null, done, overdue, daysLeft: 0, evidence: "", sample: false, origin: { file: "t.csv", line: 1 },
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
