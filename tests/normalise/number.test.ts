import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatValue, formatWritten, inexactNote, parseValue, prefixes, qualifierMeaning, qualifiersOf, suffixes, type Qualifier } from "../../pipeline/normalise/number.ts";

const ok = (value: number | null, qualifier: Qualifier | null = null, percent = false) => ({ ok: true, value, qualifier, percent });

describe("parseValue", () => {
  it.each([
    ["1234", ok(1234)],
    ["0", ok(0)],
    ["-5", ok(-5)],
    ["+5", ok(5)],
    ["1,234", ok(1234)],
    ["1,234,567.25", ok(1234567.25)],
    ["1234.5", ok(1234.5)],
    [".5", ok(0.5)],
    ["1.2E+3", ok(1200)],
    ["1e3", ok(1000)],
    ["2.5e-1", ok(0.25)],
    ["１２３", ok(123)],
    ["１，２３４", ok(1234)],
    ["１２３４．５", ok(1234.5)],
    ["12。5", ok(12.5)],
    ["  42  ", ok(42)],
    ["85%", ok(85, null, true)],
    ["８５％", ok(85, null, true)],
  ])("parseValue(text) reads %s", (text, expected) => {
    expect(parseValue(text)).toEqual(expected);
  });

  it("parseValue(text) reads an empty cell as missing, never as zero", () => {
    expect(parseValue("")).toEqual(ok(null));
    expect(parseValue("   ")).toEqual(ok(null));
    expect(parseValue("\u3000")).toEqual(ok(null));
  });

  it.each([
    ["约30", 30, "约", "approx"],
    ["大约30", 30, "大约", "approx"],
    ["30左右", 30, "左右", "approx"],
    ["~30", 30, "~", "approx"],
    ["30余", 30, "余", "over"],
    ["30多", 30, "多", "over"],
    ["超30", 30, "超", "over"],
    ["超过30", 30, "超过", "over"],
    ["逾30", 30, "逾", "over"],
    [">50", 50, ">", "over"],
    ["50+", 50, "+", "over"],
    ["近30", 30, "近", "nearly"],
    ["将近30", 30, "将近", "nearly"],
    ["≥5", 5, "≥", "at_least"],
    [">=5", 5, ">=", "at_least"],
    ["5以上", 5, "以上", "at_least"],
    ["不少于5", 5, "不少于", "at_least"],
    ["不足10", 10, "不足", "under"],
    ["<10", 10, "<", "under"],
    ["≤10", 10, "≤", "at_most"],
    ["不超过10", 10, "不超过", "at_most"],
    ["约 1,234", 1234, "约", "approx"],
    ["约３０", 30, "约", "approx"],
    ["预计120", 120, "预计", "projection"],
  ])("parseValue(text) keeps the qualifier of %s beside the number, as written", (text, value, written, meaning) => {
    expect(parseValue(text)).toEqual(ok(value, written));
    expect(qualifierMeaning(written)).toBe(meaning);
  });

  it("parseValue(text) reads a percent with a qualifier on either side", () => {
    expect(parseValue("约85%")).toEqual(ok(85, "约", true));
    expect(parseValue("85%以上")).toEqual(ok(85, "以上", true));
  });

  it.each([
    ["abc", undefined],
    ["NaN", "not a finite number"],
    ["nan", "not a finite number"],
    ["Infinity", "not a finite number"],
    ["-Infinity", "not a finite number"],
    ["inf", "not a finite number"],
    ["#N/A", "an Excel error value #N/A"],
    ["#DIV/0!", "an Excel error value #DIV/0!"],
    ["#VALUE!", "an Excel error value #VALUE!"],
    ["-", "leave the cell empty for a missing value"],
    ["—", "leave the cell empty for a missing value"],
    ["－", "leave the cell empty for a missing value"],
    ["无", "leave the cell empty for a missing value"],
    ["N/A", "leave the cell empty for a missing value"],
    ["1,23,4", "misplaced thousands separator"],
    ["12,34", "misplaced thousands separator"],
    ["1,2345", "misplaced thousands separator"],
    ["5个", 'the value contains the unit "个"'],
    ["3.2亿元", 'the value contains the unit "亿元"'],
    ["12家", 'the value contains the unit "家"'],
    ["约30余", "only one qualifier per value"],
    ["1e999", "too large to represent"],
    ["1e400", "too large to represent"],
    ["1e-400", "too small to represent (it would be stored as 0)"],
    ["-2.5E-999", "too small to represent"],
    ["12345678901234567890", "too large to store exactly"],
    ["约", undefined],
    ["%", undefined],
    ["1.2.3", undefined],
  ])("parseValue(text) refuses %j with the reason", (text, en) => {
    const v = parseValue(text);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    if (en === undefined) expect(v).toEqual({ ok: false });
    else {
      expect(v.en).toContain(en);
      expect(v.zh).toBeTruthy();
    }
  });
});

describe("formatValue", () => {
  it.each([
    [30, null, "30", "30"],
    [30, "约", "约30", "about 30"],
    [30, "左右", "30左右", "about 30"],
    [50000, "超", "超50000", "over 50000"],
    [50000, "逾", "逾50000", "over 50000"],
    [120, "预计", "预计120", "projected 120"],
    [30, "近", "近30", "nearly 30"],
    [30, "余", "30余", "over 30"],
    [5, "≥", "≥5", "at least 5"],
    [5, "以上", "5以上", "at least 5"],
    [10, "不足", "不足10", "under 10"],
    [10, "≤", "≤10", "at most 10"],
    [1234.5, null, "1234.5", "1234.5"],
  ])("formatValue(%d, %s) writes %s in Chinese and %s in English", (value, qualifier, zh, en) => {
    expect(formatValue(value, qualifier as Qualifier | null)).toBe(zh);
    expect(formatValue(value, qualifier as Qualifier | null, "en")).toBe(en);
  });

  it("formatValue(value, qualifier, lang, number) writes the number its own way and the qualifier where it was", () => {
    const grouped = (v: number) => v.toLocaleString("en-US");
    expect(formatValue(50000, "超", "zh", grouped)).toBe("超50,000");
    expect(formatValue(1234, "余", "zh", grouped)).toBe("1,234余");
    expect(formatValue(1234, "余", "en", grouped)).toBe("over 1,234");
    expect(formatValue(1234, null, "en", grouped)).toBe("1,234");
  });

  it("parseValue(formatValue(value, qualifier)) gives back the value and its qualifier", () => {
    const qualifier = fc.constantFrom<Qualifier | null>(null, ...prefixes.map(([w]) => w), ...suffixes.map(([w]) => w));
    const value = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    );
    fc.assert(
      fc.property(value, qualifier, (v, q) => {
        expect(parseValue(formatValue(v, q))).toEqual(ok(v, q));
      }),
    );
  });
});

describe("formatWritten: a figure with its own unit, the qualifier where the writer put it", () => {
  it.each([
    [3.5, "亿美元", "超", "超3.5亿美元"],
    [30, "家", "余", "30余家"],
    [120, "亿元", "余", "120余亿元"],
    [3.3, "亿元", "以上", "3.3亿元以上"],
    [1500, "亿元", "左右", "1500亿元左右"],
    [4.8, "万元", "近", "近4.8万元"],
    [12000, "万元", null, "12000万元"],
  ])("formatWritten(%d, %s, %s) is %s", (n, unit, q, text) => {
    expect(formatWritten(n, unit, q as Qualifier | null)).toBe(text);
  });
});

describe("inexactNote and qualifiersOf", () => {
  it("inexactNote(qualifiers, lang) names the words in a total, in Chinese as written and in English by meaning, each meaning once", () => {
    expect(inexactNote(["约", "超"])).toBe("含非确数（约、超）");
    expect(inexactNote(["约", "超"], "en")).toBe("includes inexact figures (about, over)");
    expect(inexactNote(["超", "逾", "余"], "en")).toBe("includes inexact figures (over)");
    expect(inexactNote([], "zh")).toBe("");
    expect(inexactNote([], "en")).toBe("");
  });

  it("qualifiersOf(list) gives each qualifier once, in code-point order, without the figures that had none", () => {
    expect(qualifiersOf(["超", null, "约", "超", undefined])).toEqual(["约", "超"]);
    expect(qualifiersOf([null, null])).toEqual([]);
  });
});
