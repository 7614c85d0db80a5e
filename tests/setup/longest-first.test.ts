import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LONGEST } from "./longest-first.ts";

describe("the longest-first order", () => {
  it("LONGEST names test files that exist, each once", () => {
    for (const file of LONGEST) expect(existsSync(file), file).toBe(true);
    expect(new Set(LONGEST).size).toBe(LONGEST.length);
  });
});
