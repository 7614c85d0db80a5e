// Units as written beside a number: found, converted exactly into an indicator's unit, or refused
// naming both units (pipeline/normalise/unit.ts).

import { describe, expect, it } from "vitest";
import { convert, shiftDecimal, splitUnit } from "../../pipeline/normalise/unit.ts";

describe("splitUnit", () => {
  it.each([
    ["12,000万元", "12,000", "万元"],
    ["3.5亿元以上", "3.5以上", "亿元"],
    ["约3.5亿美元", "约3.5", "亿美元"],
    ["逾12亿元", "逾12", "亿元"],
    ["不到5000万元", "不到5000", "万元"],
    ["12家", "12", "家"],
    ["１２个", "12", "个"],
    ["3.2平方公里", "3.2", "平方公里"],
    ["5 项", "5", "项"],
    ["7条", "7", "条"],
    ["200元", "200", "元"],
    ["3万美元", "3", "万美元"],
  ])("finds the unit of %s: %s and %s", (text, number, unit) => {
    expect(splitUnit(text)).toEqual({ number, unit });
  });

  // From the workbook branch's tests (s6-excel): qualifiers after a bare number, exponents and plus signs are no units.
  it.each(["85%", "abc", "万元", "1234", "5台", "", "30余", "5以上", "1.2E+3", "50+", "12"])("finds no unit in %s (%% is the value reader's)", (text) => {
    expect(splitUnit(text)).toBeUndefined();
  });
});

describe("convert", () => {
  it("converts within a family exactly, by moving the decimal point (no float drift)", () => {
    expect(convert(12000, "万元", "亿元")).toEqual({ ok: true, value: 1.2 });
    expect(12000 * 1e4 / 1e8).toBe(1.2); // (this one happens to come out exact in binary too …)
    expect(convert(0.1, "亿元", "万元")).toEqual({ ok: true, value: 1000 });
    expect(convert(3, "万元", "亿元")).toEqual({ ok: true, value: 0.0003 });
    expect(convert(0.29, "亿元", "万元")).toEqual({ ok: true, value: 2900 });
    expect(0.29 * 1e8 / 1e4).not.toBe(2900); // … this one is not: 2899.9999999999995
    expect(convert(0.57, "亿元", "万元")).toEqual({ ok: true, value: 5700 });
    expect(0.57 * 1e8 / 1e4).not.toBe(5700); // 5699.999999999999
    expect(convert(1.1, "亿元", "万元")).toEqual({ ok: true, value: 11000 });
    expect(1.1 * 1e8 / 1e4).not.toBe(11000); // 11000.000000000002 in binary
    expect(convert(123456789012345, "元", "亿元")).toEqual({ ok: true, value: 1234567.89012345 });
    expect(convert(3, "亿美元", "万美元")).toEqual({ ok: true, value: 30000 });
    expect(convert(2.5, "亿美元", "万美元")).toEqual({ ok: true, value: 25000 });
    expect(convert(-7.5, "万元", "元")).toEqual({ ok: true, value: -75000 });
  });

  it("keeps a value in the indicator's own unit as it is, known unit or not", () => {
    expect(convert(3.5, "亿元", "亿元")).toEqual({ ok: true, value: 3.5 });
    expect(convert(2, "名", "名")).toEqual({ ok: true, value: 2 });
  });

  it("refuses units that do not convert, naming both", () => {
    const r = convert(3, "美元", "元");
    expect(r).toEqual({ ok: false, zh: '单位 "美元" 无法换算为指标单位 "元"', en: 'the unit "美元" does not convert to the indicator\'s unit "元"' });
    expect(convert(3, "万美元", "亿元").ok).toBe(false);
    expect(convert(3, "家", "个").ok).toBe(false);
    expect(convert(3, "平方公里", "亿元").ok).toBe(false);
    expect(convert(3, "吨", "亿元").ok).toBe(false);
  });
});

describe("shiftDecimal", () => {
  it("moves the point in the shortest decimal digits of the number, exponent forms included", () => {
    expect(shiftDecimal(1.2e-7, 4)).toBe(0.0012);
    expect(shiftDecimal(1e21, -8)).toBe(1e13);
    expect(shiftDecimal(0.07, 2)).toBe(7);
    expect(shiftDecimal(0, 8)).toBe(0);
  });

  it("agrees with reading the shifted decimal text for random figures of up to 15 digits", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const digits = String(Math.floor(random() * 1e12));
      const at = Math.floor(random() * digits.length);
      const text = at ? `${digits.slice(0, at)}.${digits.slice(at)}` : digits;
      const k = Math.floor(random() * 17) - 8;
      const [whole, fraction = ""] = text.split(".");
      const all = whole! + fraction;
      const point = whole!.length + k;
      const expected = point <= 0 ? `0.${"0".repeat(-point)}${all}` : point >= all.length ? all + "0".repeat(point - all.length) : `${all.slice(0, point)}.${all.slice(point)}`;
      expect(shiftDecimal(Number(text), k), `${text} × 10^${k}`).toBe(Number(expected));
    }
  });
});
