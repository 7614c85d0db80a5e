// data/indicators.yml read with mistakes in it: each mistake is one message at its line (file:line),
// never a cascade; an indicator with no target (a context figure) needs no plan clause.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readIndicators } from "../../pipeline/registry/indicators.ts";

const real = readFileSync("data/indicators.yml", "utf8");
const file = "data/indicators.yml";
const read = (text: string) => readIndicators(text, file);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
const located = (text: string) => read(text).problems.map((p) => ({ line: p.line, en: p.en }));

describe("data/indicators.yml: required and optional fields", () => {
  it("reads the real registry with no problem; its context figure district_gdp has no target, no clause and cites a source", () => {
    const r = read(real);
    expect(r.problems).toEqual([]);
    const gdp = r.indicators.find((i) => i.id === "district_gdp")!;
    expect(gdp).toMatchObject({ targets: [], clause: "", source: "永川区国民经济和社会发展统计公报", level: "district", levels: ["city", "district"] });
  });

  it("gives the levels an indicator holds: its own level's, and those the registry adds", () => {
    const r = read(real);
    const levels = (id: string) => r.indicators.find((i) => i.id === id)!.levels;
    expect(levels("ftz_aligned_cases")).toEqual(["zone"]);
    expect(levels("enterprises_attracted")).toEqual(["zone", "park"]);
    expect(levels("foreign_trade_value")).toEqual(["city", "district", "zone", "park"]);
  });

  it("refuses an indicator with targets and no clause, in one message at the indicator's line", () => {
    const text = real.replace("    clause: 一（三）；四（六）\n    targets:\n      - id: T25-1", "    targets:\n      - id: T25-1");
    expect(text).not.toBe(real);
    expect(located(text)).toEqual([{ line: lineOf(text, "  - id: innovation_cases"), en: expect.stringContaining("an indicator with targets must cite the plan's clause") }]);
  });

  it("reads an indicator with no description (optional, as the header says), and refuses one with half a description at its line", () => {
    const without = real.replace(/(  - id: district_gdp\n    name: .*\n)    description:\n      zh: .*\n      en: .*\n/, "$1");
    expect(without).not.toContain("供对照联动创新区的规模");
    const r = read(without);
    expect(r.problems).toEqual([]);
    expect(r.indicators.find((i) => i.id === "district_gdp")!.description).toEqual({ zh: "", en: "" });
    const half = real.replace(/(  - id: district_gdp\n    name: .*\n    description:\n      zh: .*\n)      en: .*\n/, "$1");
    expect(located(half)).toEqual([{ line: lineOf(half, "供对照联动创新区的规模"), en: expect.stringContaining("description: needs both zh and en") }]);
  });

  it("refuses a context figure that cites neither a clause nor a source, in one message", () => {
    const text = real.replace("    source: 永川区国民经济和社会发展统计公报\n", "");
    expect(located(text)).toEqual([{ line: lineOf(text, "  - id: district_gdp"), en: expect.stringContaining("must cite where it comes from") }]);
  });

  it("reports a misspelt field (targts) at its line, once, instead of ignoring it", () => {
    const text = real.replace("    targets: []\n\n  - id: measure_sharing_mechanism", "    targts: []\n\n  - id: measure_sharing_mechanism");
    expect(text).not.toBe(real);
    expect(located(text)).toEqual([{ line: lineOf(text, "targts:"), en: expect.stringContaining('unknown field "targts"') }]);
  });

  it("reports a level that is not one at its line, once", () => {
    const text = real.replace("levels: [park, zone, district, city]", "levels: [park, zone, county]");
    expect(located(text)).toEqual([{ line: lineOf(text, "levels: [park, zone, county]"), en: expect.stringContaining('"county" must be one of city / district / zone / park / sub_park') }]);
  });

  it("reports a YAML syntax error once, at its line, not every error the parser finds after it", () => {
    const text = real.replace("  - id: district_gdp\n    name: { zh: 地区生产总值, en: Gross regional product }", "  - id: district_gdp\n    name: { zh: 地区生产总值, en: Gross regional product\n    unit: [");
    const problems = located(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.en).toContain("YAML syntax error");
    expect(problems[0]!.line).toBeGreaterThan(lineOf(text, "  - id: district_gdp") - 1);
  });
});
