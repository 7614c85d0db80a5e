// How each target status looks, wherever it is shown: a colour, always with a symbol and a word so
// that colour never carries the status alone. No imports, so a page that shows statuses without charts
// (the briefing) does not load Plot.
//
// Each status has a colour for the light theme and one for the dark theme, each at least 4.5:1 (WCAG
// AA for text) against that theme's page and card backgrounds: the status word is text in that colour
// (tests/components/statusStyle.test.ts computes the ratios).

export type StatusCode = "achieved" | "on_track" | "lagging" | "off_track" | "missed" | "no_data";

/** The order statuses are shown in: best first, no data last. */
export const statusOrder: StatusCode[] = ["achieved", "on_track", "lagging", "off_track", "missed", "no_data"];

/** Fixed status colours (light theme, dark theme), each with a symbol and a word so that colour never carries the status alone. */
export const statusStyle: Record<StatusCode, { colour: string; dark: string; symbol: string; zh: string; en: string }> = {
  achieved: { colour: "#2e7d32", dark: "#81c784", symbol: "✔", zh: "已完成", en: "Achieved" },
  on_track: { colour: "#1565c0", dark: "#64b5f6", symbol: "●", zh: "正常", en: "On track" },
  lagging: { colour: "#a84b00", dark: "#ffa94d", symbol: "▲", zh: "滞后", en: "Lagging" },
  off_track: { colour: "#c62828", dark: "#ff7b72", symbol: "▼", zh: "严重滞后", en: "Off track" },
  missed: { colour: "#6d4c41", dark: "#d7b9ad", symbol: "✖", zh: "未完成", en: "Missed" },
  no_data: { colour: "#666666", dark: "#b0b0b0", symbol: "○", zh: "无数据", en: "No data" },
};

/**
 * The page and card backgrounds text in a status colour sits on, per theme: Framework's air theme
 * (white page, cards 4 % foreground) and near-midnight theme (as its CSS mixes them).
 */
export const themeBackgrounds = {
  light: ["#ffffff", "#f6f6f6"],
  dark: ["#1d1d1c", "#161616"],
} as const;

/**
 * Sets an element's status colour for both themes: style.css picks --status-colour-light or
 * --status-colour-dark as --status-colour by the reader's colour scheme.
 */
export function setStatusColours(el: HTMLElement, { colour, dark }: { colour: string; dark: string }): void {
  el.style.setProperty("--status-colour-light", colour);
  el.style.setProperty("--status-colour-dark", dark);
}
