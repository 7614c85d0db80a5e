// The revision history's text is written field by field (pipeline/export/history.ts keyText): it must be
// what JSON.stringify writes for the same key, compact (page files) and as an element of history.json.

import { describe, expect, it } from "vitest";
import { keyText, stringWriter, type Revised } from "../../pipeline/export/history.ts";

const keys: Revised[] = [
  {
    indicator: "foreign_trade_value",
    entity: "凤凰湖 \"quoted\" \\ back",
    period: "2023-Q1",
    versions: [
      { value: 0.1 + 0.2, qualifier: null, file: "data/a b.csv", line: 2, from: 1, to: 2 },
      { value: null, qualifier: "approx", file: "data/新\n文件.csv", line: 40000, from: 2, to: null },
      { value: -0, qualifier: null, file: "data/x.csv", line: 1, from: 3, to: 4 },
      { value: 1e21, qualifier: null, file: "data/x.csv", line: 1, from: 4, to: null },
    ],
  },
  { indicator: "a", entity: "b", period: "2023", versions: [{ value: 5, qualifier: null, file: "f", line: 1, from: 1, to: 2 }, { value: 6, qualifier: null, file: "f", line: 1, from: 2, to: null }] },
];

describe("keyText", () => {
  it("writes a revised key as JSON.stringify does, compact and indented as a list element", () => {
    const string = stringWriter();
    for (const key of keys) {
      expect(keyText(key, string, null)).toBe(JSON.stringify(key));
      expect(keyText(key, string, 1)).toBe(JSON.stringify(key, null, 1).replaceAll("\n", "\n "));
    }
    // The list as history.json holds it.
    expect(`[\n ${keys.map((k) => keyText(k, string, 1)).join(",\n ")}\n]`).toBe(JSON.stringify(keys, null, 1));
  });
});
