import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LAST, LONGEST } from "./longest-first.ts";

describe("the longest-first order", () => {
  it("LONGEST and LAST name test files that exist, each once and in one list only", () => {
    for (const file of [...LONGEST, ...LAST]) expect(existsSync(file), file).toBe(true);
    expect(new Set([...LONGEST, ...LAST]).size).toBe(LONGEST.length + LAST.length);
  });
  it("LAST holds every browser test file that waits for Chromium's turn (siteInChromium)", () => {
    const waiting = readdirSync("tests/browser")
      .filter((f) => f.endsWith(".test.ts") && /siteInChromium\(/.test(readFileSync(`tests/browser/${f}`, "utf8")))
      .map((f) => `tests/browser/${f}`);
    expect(waiting.sort()).toEqual([...LAST].sort());
  });
});
