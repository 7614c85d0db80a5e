// Status colours are text colours (the status word on every card and item row): each must reach WCAG
// AA's 4.5:1 against the backgrounds it sits on, in the light theme and in the dark one. The ratio is
// computed here from WCAG 2's definitions, independently of the colours' source.
import { describe, expect, it } from "vitest";
import { itemStatusStyle } from "../../src/components/ItemBoard.ts";
import { statusStyle, themeBackgrounds } from "../../src/components/statusStyle.ts";

/** WCAG 2 relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two colours, ≥ 1. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("contrast: WCAG 2's ratio", () => {
  it("is 21 for black on white, 1 for a colour on itself, and known values for the colours issue 12 found", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#777777")).toBe(1);
    // The colours before issue 12: 滞后 orange and 无数据 grey on white, 未完成 brown on the dark card.
    expect(contrast("#ef6c00", "#ffffff")).toBeCloseTo(3.1, 1);
    expect(contrast("#9e9e9e", "#ffffff")).toBeCloseTo(2.7, 1);
    expect(contrast("#6d4c41", "#161616")).toBeLessThan(2.5);
  });
});

const styles = [
  ...Object.entries(statusStyle).map(([code, s]) => ({ name: `target ${code} ${s.zh}`, light: s.colour, dark: s.dark })),
  ...Object.entries(itemStatusStyle).map(([code, s]) => ({ name: `item ${code} ${s.zh}`, light: s.colour, dark: s.dark })),
];

describe("status colours meet WCAG AA for text (4.5:1) in both themes", () => {
  it.each(styles)("$name", ({ light, dark }) => {
    for (const bg of themeBackgrounds.light) expect(contrast(light, bg), `${light} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const bg of themeBackgrounds.dark) expect(contrast(dark, bg), `${dark} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
});
