// The sample dataset: made-up, deterministic figures for every indicator, park and period from 2022-06
// to 2026-10, and statuses for the 33 items and a set of tasks. It exists to show the system working.
// Every row is flagged sample and its source says so; none of it is an official result.

import { randomLcg } from "d3";
import type { Registry } from "../registry/types.ts";

export const sampleSource = "样例数据，非官方统计 / sample data, not official";
const SEED = 0.20220527; // the plan's signing date, for a stable sequence

export interface SampleFile {
  name: string; // file name under the sample folder
  text: string;
}

const months = monthRange("2022-06", "2026-10");
const quarters = ["2022-Q3", "2022-Q4", ...[2023, 2024, 2025].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`)), "2026-Q1", "2026-Q2", "2026-Q3"];

export function generateSample(registry: Registry): SampleFile[] {
  const random = randomLcg(SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const parks = registry.entities.filter((e) => e.type === "park");
  const peers = registry.entities.filter((e) => e.type === "peer");
  const files: SampleFile[] = [];

  // A wide sheet, as kept in Excel: one row per month, one column per park (Chinese names).
  files.push({
    name: "enterprises_attracted.csv",
    text: csv(
      ["时期", ...parks.map((p) => p.name.zh), "样例", "来源"],
      months.map((m, i) => [m, ...parks.map((_, k) => String(Math.max(0, Math.round(2 + k * 0.6 + i * 0.05 + (random() - 0.5) * 4)))), "是", sampleSource]),
    ),
  });

  // Long format with Chinese headers: quarterly trade per park, amounts with decimals.
  files.push({
    name: "foreign_trade_value.csv",
    text: csv(
      ["指标", "园区", "时期", "数值", "备注", "来源", "样例"],
      quarters.flatMap((q, i) =>
        parks.map((p, k) => ["foreign_trade_value", p.code, q, (3 + k * 2.5 + i * 0.35 + random() * 2).toFixed(2), "", sampleSource, "是"]),
      ),
    ),
  });

  // Long format with English headers: the zone's own cumulative counts, quarter by quarter.
  const zone: string[][] = [];
  const cumulative = (id: string, finals: number[], qualifierAt?: number) => {
    let total = 0;
    quarters.forEach((q, i) => {
      total = Math.min(total + (random() < finals[Math.min(i >> 2, finals.length - 1)]! ? 1 : 0), 99);
      zone.push([id, registry.selfZone, q, i === qualifierAt ? `${total}余` : String(total), i === qualifierAt ? "通报口径为“余”" : "", sampleSource, "yes"]);
    });
  };
  cumulative("ftz_aligned_cases", [0.9, 0.6, 0.5, 0.4]);
  cumulative("innovation_cases", [0.1, 0.2, 0.3, 0.4]);
  cumulative("replicable_experiences", [0.2, 0.3, 0.3, 0.3], 9);
  files.push({ name: "zone_indicators.csv", text: csv(["indicator", "entity", "period", "value", "note", "source", "sample"], zone) });

  // Peer zones' cumulative powers delegated, by half-year.
  const halves = ["2022-H2", "2023-H1", "2023-H2", "2024-H1", "2024-H2", "2025-H1", "2025-H2", "2026-H1"];
  const totals = new Map(peers.map((p) => [p.code, int(2, 8)]));
  const powers: string[][] = [];
  for (const h of halves) {
    for (const p of peers) {
      totals.set(p.code, totals.get(p.code)! + int(0, p.code === registry.selfZone ? 5 : 4));
      powers.push(["powers_delegated", p.name.zh, h, String(totals.get(p.code)), "", sampleSource, "是"]);
    }
  }
  files.push({ name: "powers_delegated.csv", text: csv(["指标", "主体", "时期", "数值", "备注", "来源", "样例"], powers) });

  // Milestone parts: 0 while pending, 1 from the month they were done.
  const milestones: string[][] = [];
  const milestoneIndicator = new Map(registry.indicators.flatMap((i) => i.targets.map((t) => [t.id, i.id] as const)));
  for (const part of registry.entities.filter((e) => e.type === "milestone")) {
    // 2023 targets' parts mostly land before their deadline (month 18); some 2025 parts are still open.
    const doneAt = part.attrs.target!.startsWith("T23") ? int(3, 24) : int(10, months.length + 8);
    for (const [i, m] of months.entries()) {
      if (i % 6 !== 5 && i !== doneAt) continue; // a report every half-year, and in the month it was done
      milestones.push([milestoneIndicator.get(part.attrs.target!)!, part.code, m, i >= doneAt ? "1" : "0", "", sampleSource, "是"]);
    }
  }
  files.push({ name: "milestones.csv", text: csv(["指标", "主体", "时期", "数值", "备注", "来源", "样例"], milestones) });

  // The 33 annex items: each moves not started → in progress → landed (→ rolled out); two judged not applicable.
  const itemRows: string[][] = [];
  for (const item of registry.items) {
    const start = int(0, 10);
    const steps: [number, string][] = [[start, "推进中"]];
    if (item.no === 19 || item.no === 28) steps.push([start + int(2, 6), "不适用"]);
    else {
      const landed = start + int(2, 22);
      steps.push([landed, "已落地"]);
      if (random() < 0.5) steps.push([landed + int(3, 12), "已推广"]);
    }
    for (const [at, status] of steps) {
      if (at < months.length) itemRows.push([String(item.no), `${months[at]}-15`, status, status === "推进中" ? "" : `${item.short.zh}：见区商务委通报（样例）`, "是", sampleSource]);
    }
  }
  files.push({ name: "reform_item_status.csv", text: csv(["事项序号", "日期", "状态", "佐证材料", "样例", "来源"], itemRows) });

  // The four lists' tasks (made up) and their status updates.
  const lists = registry.entities.filter((e) => e.type === "list");
  const units = registry.entities.filter((e) => e.type === "unit");
  const deliverables = ["制度文件", "工作方案", "案例报告", "项目签约", "平台上线", "政策批复"];
  const tasks: string[][] = [];
  const taskStatus: string[][] = [];
  lists.forEach((list, l) => {
    for (let k = 1; k <= 5; k++) {
      const id = `${list.code.slice(0, 3).toUpperCase()}-${String(k).padStart(2, "0")}`;
      // Replication tasks serve an annex item and belong to its first unit; the others to any unit.
      const item = list.code === "replication" ? registry.items[int(0, registry.items.length - 1)]! : undefined;
      const unit = item ? units.find((u) => u.code === item.units[0])! : units[int(0, units.length - 1)]!;
      const deadline = `${2023 + (k % 3)}-${["06-30", "12-31"][k % 2]}`;
      tasks.push([id, list.name.zh, `${list.name.zh}任务${k}（样例）`, unit.name.zh, deadline, deliverables[(l + k) % deliverables.length]!, item ? String(item.no) : "", sampleSource, "是"]);
      const begin = int(0, 12);
      taskStatus.push([id, `${months[begin]}-01`, "推进中", "", sampleSource, "是"]);
      const finish = begin + int(4, 40);
      if (finish < months.length) taskStatus.push([id, `${months[finish]}-20`, "已完成", `${deliverables[(l + k) % deliverables.length]}（样例）`, sampleSource, "是"]);
    }
  });
  files.push({ name: "tasks.csv", text: csv(["任务编号", "清单", "任务名称", "责任单位", "完成时限", "成果形式", "事项", "来源", "样例"], tasks) });
  files.push({ name: "task_status.csv", text: csv(["任务编号", "日期", "状态", "佐证材料", "来源", "样例"], taskStatus) });
  return files;
}

function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key === to) return out;
    if (++m > 12) (m = 1), y++;
  }
}

function csv(header: string[], rows: string[][]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}
