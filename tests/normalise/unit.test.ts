import { describe, expect, it } from "vitest";
import { convert, shiftDecimal, splitUnit, unitOf } from "../../pipeline/normalise/unit.ts";

describe("units in a value", () => {
  it("shiftDecimal moves the point exactly, with no float drift", () => {
    expect([shiftDecimal("12000", -4), shiftDecimal("0.3", 4), shiftDecimal("1.5", -8), shiftDecimal("7", 0), shiftDecimal("0.07", 2)]).toEqual(["1.2", "3000", "0.000000015", "7", "7"]);
  });
  it("splitUnit takes a unit word after the number, and nothing from qualifiers, % or exponents", () => {
    expect(splitUnit("12,000万元")).toMatchObject({ number: "12,000", unit: { base: "元", scale: 4 } });
    expect(splitUnit("约3.5亿元")).toMatchObject({ number: "约3.5", unit: { base: "元", scale: 8 } });
    expect(["30余", "5以上", "85%", "1.2E+3", "50+", "abc", "12"].map(splitUnit)).toEqual(Array(7).fill(undefined));
  });
  it("convert converts scales of one base and refuses other bases", () => {
    expect(convert("12,000", unitOf("万元")!, unitOf("亿元")!)).toBe("1.2");
    expect(convert("3", unitOf("亿美元")!, unitOf("万美元")!)).toBe("30000");
    expect(convert("500", unitOf("万美元")!, unitOf("亿元")!)).toBeUndefined();
    expect(convert("12", unitOf("个")!, unitOf("家")!)).toBeUndefined();
  });
});
