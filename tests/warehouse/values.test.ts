// The value rule run set-based (pipeline/warehouse/values.ts) must read every text exactly as
// parseValue does: the same double, the same qualifier, the same refusal. Here on many thousands of
// texts at once — decimals that are hard to round, thousands separators right and wrong, every
// qualifier word before and after, full-width forms, bad values next to good ones.

import { randomLcg } from "d3";
import { describe, expect, it } from "vitest";
import { parseValue, prefixes, suffixes } from "../../pipeline/normalise/number.ts";
import { query, withConnection } from "../../pipeline/warehouse/db.ts";
import { fill } from "../../pipeline/warehouse/temp.ts";
import { affixes, valuePattern, valueVerdicts } from "../../pipeline/warehouse/values.ts";

type Reading = { raw: string; value: number | null; qualifier: string | null; percent: boolean };

/** Both ways on the texts: the table's readings (and which of them SQL made), and parseValue's. */
async function readings(texts: string[]) {
  return withConnection(":memory:", async (c) => {
    await fill(c, "texts", "v VARCHAR", [...new Set(texts)].map((t) => [t]));
    await valueVerdicts(c, "val", "SELECT v FROM texts");
    const table = await query<Reading>(c, "SELECT raw, value, qualifier, percent FROM val");
    const byJs = new Set((await query<{ raw: string }>(c, "SELECT raw FROM val_js")).map((r) => r.raw));
    return { table: new Map(table.map((r) => [r.raw, r])), byJs };
  });
}

function expectSameAsParseValue(texts: string[], table: Map<string, Reading>) {
  for (const t of new Set(texts)) {
    const js = parseValue(t.trim());
    const got = table.get(t);
    if (!js.ok) expect(got, JSON.stringify(t)).toBeUndefined();
    else expect(got, JSON.stringify(t)).toEqual({ raw: t, value: js.value, qualifier: js.qualifier, percent: js.percent });
  }
}

const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");

/** Texts an analyst's value column holds, good and bad, in every form the rule knows. */
function randomTexts(random: () => number, count: number): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const grouped = () => {
    const head = String(1 + Math.floor(random() * 999));
    const groups = Array.from({ length: Math.floor(random() * 6) }, () => (random() < 0.9 ? digits(random, 3) : digits(random, 2 + Math.floor(random() * 3))));
    return [head, ...groups].join(",");
  };
  const numbers = [
    () => digits(random, 1 + Math.floor(random() * 17)),
    () => `${digits(random, 1 + Math.floor(random() * 16))}.${digits(random, 1 + Math.floor(random() * 25))}`,
    () => `${Math.floor(random() * 1000)}.${digits(random, 2)}`,
    () => `${grouped()}${random() < 0.5 ? `.${digits(random, 1 + Math.floor(random() * 4))}` : ""}`,
    () => pick(["0.1", "0.3", "1.005", "2.675", "9007199254740993", "999999999999999.9999999", "0.30000000000000004", "1.7976931348623157", "4.9406564584124654", "2.2250738585072011", "123456789012345.678", "0.000000000000000000000000001", "1.", ".5", "00.50", "1e3", "1.2E+3"]),
  ];
  const forms = [
    (n: string) => n,
    (n: string) => `${pick(prefixes)[0]}${n}`,
    (n: string) => `${n}${pick(suffixes)[0]}`,
    (n: string) => `${pick(prefixes)[0]}${n}${pick(suffixes)[0]}`, // two qualifiers: refused
    (n: string) => `${n}%`,
    (n: string) => `${pick(["-", "+", " ", "\u3000", "约 "])}${n}${pick(["", " ", "个", "亿元", "%"])}`,
    (n: string) => n.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(".", pick([".", "．", "。"])), // full width
    (n: string) => n.replace(",", "，"),
    () => pick(["", " ", "-", "—", "NaN", "#N/A", "无", "1,23", "12,34.5", "1,2345", ",123", "1..2", "1.2.3", "5个", "约约5", "超过5", "大约5", "≥≥5", "5++"]),
  ];
  return Array.from({ length: count }, () => pick(forms)(pick(numbers)()));
}

describe("the value rule in SQL reads as parseValue reads", () => {
  it("every (prefix, suffix) pair of the grammar reads as parseValue reads it, pairs of two qualifiers left out", () => {
    const pairs = affixes();
    expect(pairs).toContainEqual(["", "", null]);
    expect(pairs).toContainEqual(["约", "", "约"]);
    expect(pairs).toContainEqual(["", "余", "余"]);
    expect(pairs).toContainEqual([">=", "", ">="]);
    expect(pairs.some(([p, s]) => p && s)).toBe(false);
    expect(pairs.length).toBe(1 + prefixes.length + suffixes.length);
  });

  it("hard decimals, separators and qualifiers: the same doubles and qualifiers, SQL reading the plain forms itself", async () => {
    const texts = [
      "0", "007", "12", "1.5", "12.34", "0.1", "0.2", "0.3", "1,234", "1,234.5", "12,345,678.9", "999,999,999,999,999",
      "1,000,000,000,000,000", "999999999999999", "9999999999999999", "999999999999999.5", "0.1000000000000000055511151231257827",
      "2.2250738585072011e-308", "123456.78901234567890123456789", "约30", "约1,234.5", "30余", "超30", "逾12.5", "近99.99", ">50",
      ">=5", "≥5", "≤5", "<=5", "~3", "≈3.3", "50+", "30多", "100以上", "30左右", "不少于3", "超过1,200", "约30余", "30%", "约30%",
    ];
    const { table, byJs } = await readings(texts);
    expectSameAsParseValue(texts, table);
    for (const sqlRead of ["12.34", "1,234.5", "约30", "30余", "超过1,200", "50+", "0.1000000000000000055511151231257827"]) {
      expect(byJs.has(sqlRead), sqlRead).toBe(false);
    }
  });

  for (const seed of [1, 2, 3]) {
    it(`random texts ${seed}: 4,000 values, good and bad, each read as parseValue reads it`, async () => {
      const texts = randomTexts(randomLcg(seed / 10), 4000);
      const { table, byJs } = await readings(texts);
      expectSameAsParseValue(texts, table);
      // SQL read most of the clean ones itself; parseValue only the forms outside its grammar.
      const sqlRead = [...table.keys()].filter((t) => !byJs.has(t));
      expect(sqlRead.length).toBeGreaterThan(table.size / 3);
      for (const t of sqlRead) expect(new RegExp(valuePattern, "u").test(t), t).toBe(true);
    });
  }
});
