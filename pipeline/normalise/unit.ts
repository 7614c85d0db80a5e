// Units written in a value's cell (12家, 3.5亿元, 12,000万元) against the indicator's unit. A unit is a
// base (元, 美元, 平方公里, 家, 个 …) with a decimal scale (万 = 10⁴, 亿 = 10⁸); a value converts when the
// bases agree, by moving the decimal point — exactly, never through a float multiplication (12,000
// 万元 is 1.2 亿元, not 1.2000000000000002). Bases that differ (美元 into 元) never convert.
// The one place units are parsed: the registry's units and the cells' units both go through unitOf.

/** Scale words before a base, longest first, with their powers of ten. */
const scales: [string, number][] = [["百万", 6], ["千万", 7], ["万亿", 12], ["十", 1], ["百", 2], ["千", 3], ["万", 4], ["亿", 8]];

/** Bases a value may carry; a word that is none of these is not read as a unit. */
const bases = ["元", "美元", "人民币", "平方公里", "平方米", "公顷", "亩", "家", "个", "项", "条", "名", "人", "件", "户", "次", "吨", "%"];

export interface Unit {
  written: string;
  base: string;
  scale: number; // power of ten
}

/** unitOf("亿元") → { base: 元, scale: 8 }; undefined for a word that is not a unit. */
export function unitOf(written: string): Unit | undefined {
  const w = written.trim();
  if (bases.includes(w)) return { written: w, base: w, scale: 0 };
  for (const [word, power] of scales) {
    if (w.startsWith(word) && bases.includes(w.slice(word.length)) && w.slice(word.length) !== "%") return { written: w, base: w.slice(word.length), scale: power };
  }
  return undefined;
}

/**
 * splitUnit("约12,000万元") → { number: "约12,000", unit: 万元 }: a number (with its qualifier) followed by
 * a unit word. Undefined when the text does not end in a unit (plain numbers, 30余, 5以上, 85%).
 */
export function splitUnit(text: string): { number: string; unit: Unit } | undefined {
  const m = /^(.*?\d)\s*([^\d\s.,，%]+)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = unitOf(m[2]!);
  return unit ? { number: m[1]!, unit } : undefined;
}

/** The units a value may be written in for an indicator's unit: 亿元 → 元、万元、亿元. */
export function convertibleUnits(target: Unit): string[] {
  const scaled = scales.filter(([, p]) => p === 4 || p === 8).map(([w]) => `${w}${target.base}`);
  return target.base === "%" ? ["%"] : ["元", "美元"].includes(target.base) ? [target.base, ...scaled] : [target.base];
}

/**
 * convert("12,000", 万元, 亿元) → "1.2": the number's digits (thousands separators dropped) with the
 * decimal point moved by the difference of scales; undefined when the bases differ or the number is
 * not plain decimal digits.
 */
export function convert(number: string, from: Unit, to: Unit): string | undefined {
  if (from.base !== to.base) return undefined;
  const digits = number.replaceAll(",", "");
  if (!/^\d+(\.\d+)?$/.test(digits)) return undefined;
  return shiftDecimal(digits, from.scale - to.scale);
}

/** "12000" shifted by -4 → "1.2"; by 2 → "1200000". */
export function shiftDecimal(digits: string, by: number): string {
  const [whole, fraction = ""] = digits.split(".");
  let all = whole! + fraction;
  let point = whole!.length + by;
  if (point <= 0) (all = "0".repeat(1 - point) + all), (point = 1);
  if (point > all.length) all += "0".repeat(point - all.length);
  const int = all.slice(0, point).replace(/^0+(?=\d)/, "");
  const frac = all.slice(point).replace(/0+$/, "");
  return frac ? `${int}.${frac}` : int;
}
