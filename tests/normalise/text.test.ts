import { describe, expect, it } from "vitest";
import { halfWidth, smallNumber } from "../../pipeline/normalise/text.ts";

describe("halfWidth", () => {
  it("halfWidth(text) turns full-width digits, letters and punctuation into plain ASCII", () => {
    expect(halfWidth("２０２３－０６")).toBe("2023-06");
    expect(halfWidth("１，２３４．５％")).toBe("1,234.5%");
    expect(halfWidth("ＱＡｚ（）")).toBe("QAz()");
  });

  it("halfWidth(text) turns the ideographic and no-break spaces into spaces, drops zero-width characters and BOMs, and trims", () => {
    expect(halfWidth("\u3000凤凰湖\u00a0产业园\u3000")).toBe("凤凰湖 产业园");
    expect(halfWidth("\ufeff12\u200b3\u200c\u200d")).toBe("123");
  });

  it("halfWidth(text) leaves Chinese characters and Chinese punctuation outside the full-width block as they are", () => {
    expect(halfWidth("招引企业数、区商务委。")).toBe("招引企业数、区商务委。");
  });
});

describe("smallNumber", () => {
  it.each([
    ["6", 6],
    ["12", 12],
    ["一", 1],
    ["两", 2],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["九十九", 99],
  ])("smallNumber(%s) is %d", (text, n) => {
    expect(smallNumber(text)).toBe(n);
  });

  it.each(["", "零", "百", "十十", "一二", "六a"])("smallNumber(%j) is undefined", (text) => {
    expect(smallNumber(text)).toBeUndefined();
  });
});
