// How each target status looks, wherever it is shown: a colour, always with a symbol and a word so
// that colour never carries the status alone. No imports, so a page that shows statuses without charts
// (the briefing) does not load Plot.

export type StatusCode = "achieved" | "on_track" | "lagging" | "off_track" | "missed" | "no_data";

/** The order statuses are shown in: best first, no data last. */
export const statusOrder: StatusCode[] = ["achieved", "on_track", "lagging", "off_track", "missed", "no_data"];

/** Fixed status colours, each with a symbol and a word so that colour never carries the status alone. */
export const statusStyle: Record<StatusCode, { colour: string; symbol: string; zh: string; en: string }> = {
  achieved: { colour: "#2e7d32", symbol: "✔", zh: "已完成", en: "Achieved" },
  on_track: { colour: "#1565c0", symbol: "●", zh: "正常", en: "On track" },
  lagging: { colour: "#ef6c00", symbol: "▲", zh: "滞后", en: "Lagging" },
  off_track: { colour: "#c62828", symbol: "▼", zh: "严重滞后", en: "Off track" },
  missed: { colour: "#6d4c41", symbol: "✖", zh: "未完成", en: "Missed" },
  no_data: { colour: "#9e9e9e", symbol: "○", zh: "无数据", en: "No data" },
};
