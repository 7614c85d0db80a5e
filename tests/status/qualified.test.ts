// A figure published with a qualifier (约30, 超50000) keeps it in the series a chart draws; a total made
// of such figures is not exact either and says which words are in it (issue 11: "qualifiers kept exactly
// as published from CSV to … chart label, tooltip").

import { describe, expect, it } from "vitest";
import { cumulativeSince, entitySeries, zoneSeries } from "../../pipeline/status/series.ts";
import { computeStatus } from "../../pipeline/status/index.ts";
import { actualText, explainTarget, readingSentence } from "../../pipeline/status/explain.ts";
import { withInexact } from "../../pipeline/status/words.ts";
import { points } from "../../pipeline/export/layout.ts";
import { obs, realRegistry } from "../helpers.ts";

const registry = await realRegistry();
const trade = registry.indicators.find((i) => i.id === "foreign_trade_value")!;
const q = (o: ReturnType<typeof obs>, qualifier: string) => ({ ...o, qualifier });

const rows = [
  q(obs("foreign_trade_value", "fenghuanghu", "2024-01", 30), "约"),
  q(obs("foreign_trade_value", "gangqiao", "2024-01", 20), "超"),
  obs("foreign_trade_value", "sanjiao", "2024-01", 5),
  q(obs("foreign_trade_value", "fenghuanghu", "2024-02", 10), "约"),
  q(obs("foreign_trade_value", "gangqiao", "2024-02", 12), "约"),
  obs("foreign_trade_value", "fenghuanghu", "2024-03", 1),
  obs("foreign_trade_value", "gangqiao", "2024-03", 2),
  q(obs("foreign_trade_value", "fenghuanghu", "2024-04", 7), "超"),
];

describe("qualifiers in series", () => {
  it("entitySeries keeps each figure's own qualifier: 约30 is drawn at 30 and said as 约30", () => {
    expect(entitySeries("foreign_trade_value", "fenghuanghu", rows, "amount").map((p) => [p.period.key, p.value, p.qualifier, p.qualified])).toEqual([
      ["2024-01", 30, "约", undefined],
      ["2024-02", 10, "约", undefined],
      ["2024-03", 1, null, undefined],
      ["2024-04", 7, "超", undefined],
    ]);
  });

  it("zoneSeries names the qualifiers in a sum over parks (each once, in one order), nothing for a sum of exact figures, and a single park's figure keeps its own", () => {
    expect(zoneSeries(trade, rows, registry).map((p) => [p.period.key, p.value, p.qualifier, p.qualified])).toEqual([
      ["2024-01", 55, null, ["约", "超"]],
      ["2024-02", 22, null, ["约"]],
      ["2024-03", 3, null, undefined],
      ["2024-04", 7, "超", undefined],
    ]);
  });

  it("cumulativeSince(points, start) carries every qualifier it has added so far; its first point, one figure, keeps its own", () => {
    const single = entitySeries("foreign_trade_value", "fenghuanghu", rows, "amount");
    expect(cumulativeSince(single, "2024-01-01").map((p) => [p.value, p.qualifier, p.qualified])).toEqual([
      [30, "约", undefined],
      [40, null, ["约"]],
      [41, null, ["约"]],
      [48, null, ["约", "超"]],
    ]);
    const exact = entitySeries("foreign_trade_value", "sanjiao", rows, "amount");
    expect(cumulativeSince(exact, "2024-01-01").map((p) => [p.value, p.qualifier, p.qualified])).toEqual([[5, null, undefined]]);
    // A total first: its qualifiers, not a qualifier of its own.
    expect(cumulativeSince(zoneSeries(trade, rows, registry), "2024-01-01").map((p) => [p.value, p.qualifier, p.qualified])).toEqual([
      [55, null, ["约", "超"]],
      [77, null, ["约", "超"]],
      [80, null, ["约", "超"]],
      [87, null, ["约", "超"]],
    ]);
  });

  it("points(series) writes a figure's qualifier and a total's qualifiers only where there are some", () => {
    expect(points(zoneSeries(trade, rows, registry)).map(({ period, value, qualifier, qualified }) => ({ period, value, qualifier, qualified }))).toEqual([
      { period: "2024-01", value: 55, qualifier: undefined, qualified: ["约", "超"] },
      { period: "2024-02", value: 22, qualifier: undefined, qualified: ["约"] },
      { period: "2024-03", value: 3, qualifier: undefined, qualified: undefined },
      { period: "2024-04", value: 7, qualifier: "超", qualified: undefined },
    ]);
    expect(Object.keys(points(zoneSeries(trade, rows, registry))[2]!)).toEqual(["period", "start", "end", "value", "sample", "parts"]);
  });

  it("a target's actual and its latest reading keep the qualifier their figure was published with, and the sentences say it (3余条 · over 3 experiences)", () => {
    const experiences = registry.indicators.find((i) => i.id === "replicable_experiences")!;
    const observations = [obs("replicable_experiences", "yongchuan", "2023-Q4", 2), q(obs("replicable_experiences", "yongchuan", "2024-Q4", 3), "余")];
    const t = computeStatus({ registry, observations, itemStatuses: [], asOf: "2025-06-30" }).targets.find((x) => x.target === "T25-2")!;
    expect([t.components.actual, t.components.actualQualifier, t.components.latest?.qualifier]).toEqual([3, "余", "余"]);
    expect(actualText(t, experiences, "zh")).toBe("3余条");
    expect(actualText(t, experiences, "en")).toBe("over 3 experiences");
    expect(readingSentence(t.components.latest!, t, experiences, "zh")).toBe("2024年第四季度为3余条");
    // The status's derivation says it too.
    expect(explainTarget(t, registry).zh).toMatch(/^滞后：2024年第四季度为3余条；/);
    expect(explainTarget(t, registry).en).toMatch(/^Lagging: over 3 experiences in Q4 2024;/);
    // Its exact figure a quarter before: no qualifier, none said.
    const before = computeStatus({ registry, observations, itemStatuses: [], asOf: "2024-06-30" }).targets.find((x) => x.target === "T25-2")!;
    expect([before.components.actual, before.components.actualQualifier]).toEqual([2, undefined]);
    expect(actualText(before, experiences, "zh")).toBe("2条");
  });

  it("withInexact(text, qualified, lang) follows a total's figure with the qualifiers in it, and leaves an exact one alone", () => {
    expect(withInexact("80条", ["余"], "zh")).toBe("80条（含非确数（余））");
    expect(withInexact("80 experiences", ["余"], "en")).toBe("80 experiences (includes inexact figures (over))");
    expect(withInexact("80条", undefined, "zh")).toBe("80条");
    expect(withInexact("80条", [], "en")).toBe("80条");
  });
});
