// The status words leadership reads, and the one rule that picks them.

export const statusCodes = ["achieved", "on_track", "lagging", "off_track", "missed", "no_data"] as const;
export type StatusCode = (typeof statusCodes)[number];

export const statusWords: Record<StatusCode, { zh: string; en: string }> = {
  achieved: { zh: "已完成", en: "achieved" },
  on_track: { zh: "正常", en: "on track" },
  lagging: { zh: "滞后", en: "lagging" },
  off_track: { zh: "严重滞后", en: "off track" },
  missed: { zh: "未完成", en: "missed" },
  no_data: { zh: "无数据", en: "no data" },
};

export interface Thresholds {
  onTrack: number; // ratio at or above: on track
  lagging: number; // ratio at or above (and below onTrack): lagging; below: off track
}

/**
 * classifyRatio(ratio, thresholds) judges progress before the deadline from actual / expected:
 * ≥ onTrack is on track, ≥ lagging is lagging, anything lower is off track. A missing ratio (nothing
 * expected yet) counts as on track: no one can be behind a path that has not started.
 */
export function classifyRatio(ratio: number | null, t: Thresholds): StatusCode {
  if (ratio === null) return "on_track";
  return ratio >= t.onTrack ? "on_track" : ratio >= t.lagging ? "lagging" : "off_track";
}
