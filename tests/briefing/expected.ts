// What the briefing must say, computed from the sample CSV files with plain string handling — no
// pipeline code — so the briefing's sentences are checked against numbers made independently.
import { readFileSync } from "node:fs";

const rows = (file: string) =>
  readFileSync(`data/sample/${file}`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));

/** The last day of a period written as 2025, 2025-H2, 2025-Q4 or 2025-10. */
function periodEnd(p: string): string {
  const y = p.slice(0, 4);
  const last = (m: number) => `${y}-${String(m).padStart(2, "0")}-${new Date(Date.UTC(+y, m, 0)).getUTCDate()}`;
  if (/^\d{4}$/.test(p)) return `${y}-12-31`;
  if (/-H[12]$/.test(p)) return last(+p.slice(-1) * 6);
  if (/-Q[1-4]$/.test(p)) return last(+p.slice(-1) * 3);
  return last(+p.slice(5, 7));
}

/** Each item's latest status word by a date. */
function itemStatuses(by: string): Map<string, string> {
  const latest = new Map<string, string>();
  for (const [item, date, status] of rows("reform_item_status.csv").sort((a, b) => (a[1]! < b[1]! ? -1 : 1))) if (date! <= by) latest.set(item!, status!);
  return latest;
}

export function expectedBriefing(asOf: string, previous: string, selfZoneName = "永川高新区", partsOf: (target: string) => string[]) {
  const items = itemStatuses(asOf);
  const count = (word: string) => [...items.values()].filter((s) => s === word).length;
  const replicated = count("已落地") + count("已推广");
  const itemsSentence = `33项改革事项已落地或推广${replicated}项，推进中${count("推进中")}项${count("不适用") ? `，不适用${count("不适用")}项` : ""}`;

  const done = new Set(rows("task_status.csv").filter((r) => r[2] === "已完成" && r[1]! <= asOf).map((r) => r[0]));
  const tasks = rows("tasks.csv");
  const overdueTasks = tasks.filter((t) => !done.has(t[0]) && t[4]! < asOf).length;
  const tasksPrefix = `四张清单共${tasks.length}项任务，已完成${done.size}项${overdueTasks ? `，逾期${overdueTasks}项` : "，无逾期"}`;

  // Every target's deadline has passed by 2025-12-31: each is achieved or missed on its value then.
  const zone = rows("zone_indicators.csv");
  const at = (id: string, quarter: string) => Number(zone.find((r) => r[0] === id && r[2] === quarter)![3]!.replace("余", ""));
  const achieved = [at("ftz_aligned_cases", "2023-Q4") >= 5, at("innovation_cases", "2025-Q4") >= 3, at("replicable_experiences", "2025-Q4") >= 5];
  const ms = rows("milestones.csv");
  const allDone = (target: string, deadline: string) => partsOf(target).every((code) => ms.filter((r) => r[1] === code && periodEnd(r[2]!) <= deadline).at(-1)?.[3] === "1");
  achieved.push(allDone("T23-3", "2023-12-31"), allDone("T23-5", "2023-12-31"), allDone("T23-6", "2023-12-31"), allDone("T25-3", "2025-12-31"));
  const by2023 = itemStatuses("2023-12-31");
  const na2023 = [...by2023.values()].filter((s) => s === "不适用").length;
  achieved.push(by2023.size === 33 && [...by2023.values()].filter((s) => s === "已落地" || s === "已推广").length === 33 - na2023);
  const powers = rows("powers_delegated.csv").filter((r) => r[2] === "2023-H2");
  const own = Number(powers.find((r) => r[1] === selfZoneName)![3]);
  achieved.push(powers.filter((r) => Number(r[3]) > own).length + 1 <= 3);
  const n = achieved.filter(Boolean).length;
  const achievedByTarget = Object.fromEntries(["T23-4", "T25-1", "T25-2", "T23-3", "T23-5", "T23-6", "T25-3", "T23-1", "T23-2"].map((t, i) => [t, achieved[i]!]));
  const zhDate = (d: string) => `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8)}日`;
  const targetsZh = `截至${zhDate(asOf)}，9项目标中${[n ? `已完成${n}项` : "", 9 - n ? `未完成${9 - n}项` : ""].filter(Boolean).join("，")}。`;
  const enDate = (d: string) => `${+d.slice(8)} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][+d.slice(5, 7) - 1]} ${d.slice(0, 4)}`;
  const targetsEn = `As of ${enDate(asOf)}, of 9 targets: ${[n ? `${n} achieved` : "", 9 - n ? `${9 - n} missed` : ""].filter(Boolean).join(", ")}.`;

  // Values added since the previous briefing: periods that ended after it and by the as-of date.
  const inWindow = (p: string) => periodEnd(p) > previous && periodEnd(p) <= asOf;
  let added = rows("enterprises_attracted.csv").filter((r) => inWindow(r[0]!)).length * 6;
  for (const f of ["foreign_trade_value.csv", "zone_indicators.csv", "powers_delegated.csv", "milestones.csv"]) added += rows(f).filter((r) => inWindow(r[2]!)).length;
  const sinceZh = `与上次（${zhDate(previous)}）相比：新增数据${added}条，修订0条，撤回0条`;
  return { itemsSentence, tasksPrefix, targetsZh, targetsEn, sinceZh, achievedByTarget };
}

/**
 * The final assessment's outcomes as of a date after every deadline, from the CSV files alone: a target
 * missed at its deadline is "late" when its latest value by asOf meets it, else "open"; items and tasks
 * done after their deadline are late. `targetsAchievedAtDeadline` is expectedBriefing's own reading.
 */
export function expectedFinal(asOf: string, partsOf: (target: string) => string[]) {
  const zone = rows("zone_indicators.csv").filter((r) => periodEnd(r[2]!) <= asOf);
  const latestOf = (id: string) => Number(zone.filter((r) => r[0] === id).sort((a, b) => (periodEnd(a[2]!) < periodEnd(b[2]!) ? -1 : 1)).at(-1)![3]!.replace("余", ""));
  const ms = rows("milestones.csv");
  const allDoneBy = (target: string, by: string) => partsOf(target).every((code) => ms.filter((r) => r[1] === code && periodEnd(r[2]!) <= by).at(-1)?.[3] === "1");
  const items = itemStatuses(asOf);
  const applicable = [...items.values()].filter((s) => s !== "不适用").length;
  const replicatedNow = [...items.values()].filter((s) => s === "已落地" || s === "已推广").length;
  const meetsNow: Record<string, boolean> = {
    "T23-1": replicatedNow === applicable,
    "T23-4": latestOf("ftz_aligned_cases") >= 5,
    "T25-1": latestOf("innovation_cases") >= 3,
    "T25-2": latestOf("replicable_experiences") >= 5,
    "T25-3": allDoneBy("T25-3", asOf),
  };
  // Items: the first date each was landed or rolled out, against T23-1's deadline.
  const first = new Map<string, string>();
  for (const [item, date, status] of rows("reform_item_status.csv").sort((a, b) => (a[1]! < b[1]! ? -1 : 1))) {
    if ((status === "已落地" || status === "已推广") && date! <= asOf && !first.has(item!)) first.set(item!, date!);
  }
  const itemsLate = [...first.values()].filter((d) => d > "2023-12-31").length;
  // Tasks: the date each was done, against its own deadline.
  const doneOn = new Map(rows("task_status.csv").filter((r) => r[2] === "已完成" && r[1]! <= asOf).map((r) => [r[0]!, r[1]!]));
  const tasks = rows("tasks.csv");
  const tasksLate = tasks.filter((t) => doneOn.has(t[0]!) && doneOn.get(t[0]!)! > t[4]!).map((t) => t[0]!);
  const tasksOnTime = tasks.filter((t) => doneOn.has(t[0]!) && doneOn.get(t[0]!)! <= t[4]!).length;
  return { meetsNow, itemsLate, tasksLate, tasksOnTime };
}
