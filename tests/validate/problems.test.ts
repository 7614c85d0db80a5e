import { describe, expect, it } from "vitest";
import { formatProblem, problem } from "../../pipeline/problems.ts";

describe("formatProblem", () => {
  it("formatProblem(p) shows control characters from the data as \\xNN, so a cell cannot drive the terminal", () => {
    const p = problem("unknown_entity", { file: "x.csv", line: 2, column: 2 }, { value: "\u001b[31mred", kindZh: "园区", kindEn: "park", expected: "凤凰湖产业园" });
    const line = formatProblem(p);
    expect(line).not.toContain("\u001b");
    expect(line).toContain('"\\x1b[31mred"');
    expect(line.startsWith("x.csv:2:2: error unknown_entity ")).toBe(true);
  });
});
