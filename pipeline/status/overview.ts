// What the overview shows beside the cards, worked out from the statuses alone: a milestone target's
// dated checklist (each part due at the target's deadline, done when, done late or overdue) and how
// recent the figures are ("数据更新至"). Pure: a status in, rows out; the components only draw them.

import type { Components, TargetStatus } from "./targets.ts";

/** done: by the deadline · done_late: after it (逾期完成) · pending: not yet, deadline ahead · overdue: not done, deadline passed. */
export type PartState = "done" | "done_late" | "pending" | "overdue";

export interface ScheduleRow {
  code: string;
  zh: string;
  en: string;
  /** The day the part was due: the target's deadline. */
  due: string;
  /** The end of the period from which the part has been reported done; null while it is not. */
  doneOn: string | null;
  state: PartState;
}

/**
 * milestoneSchedule(components): a milestone target's parts as they stand at the as-of date (the card's
 * latest reading, else the parts judged), each with its due date, done date and state. Empty for a target
 * that has no parts.
 */
export function milestoneSchedule(c: Pick<Components, "parts" | "latest" | "deadline" | "deadlinePassed">): ScheduleRow[] {
  const parts = c.latest?.parts ?? c.parts ?? [];
  return parts.map((p) => {
    const doneOn = p.done ? p.since : null;
    const state: PartState = p.done ? (doneOn !== null && doneOn > c.deadline ? "done_late" : "done") : c.deadlinePassed ? "overdue" : "pending";
    return { code: p.code, zh: p.zh, en: p.en, due: c.deadline, doneOn, state };
  });
}

/** The last day any target's latest figure covers (数据更新至 …), or null when no target has a figure. */
export function dataUpTo(targets: Pick<TargetStatus, "components">[]): string | null {
  let last: string | null = null;
  for (const t of targets) {
    const end = t.components.latest?.end ?? null;
    if (end !== null && (last === null || end > last)) last = end;
  }
  return last;
}

/**
 * metLate(status): a target missed at its deadline whose latest figure now meets it (逾期完成) — the
 * verdict stays 未完成, and the overview says beside it that the target was reached late.
 */
export function metLate({ status, components: c }: Pick<TargetStatus, "status" | "components">): boolean {
  if (status !== "missed" || !c.deadlinePassed || !c.latest || c.targetValue === null) return false;
  const v = c.latest.value;
  switch (c.comparator) {
    case ">=":
      return v >= c.targetValue;
    case "<=":
    case "rank_at_most":
      return v <= c.targetValue;
    case "=":
    case "all_done":
    case "qualitative":
      return v === c.targetValue;
    default:
      return false;
  }
}
