// A target's status in words, from its components only: what the CLI prints and pages can reuse.

import type { Registry } from "../registry/types.ts";
import { statusWords } from "./classify.ts";
import type { TargetStatus } from "./targets.ts";

const n = (x: number | null, digits = 2) => (x === null ? "—" : String(Number(x.toFixed(digits))));
const symbol: Record<string, string> = { ">=": "≥", "<=": "≤", "=": "=" };

/** explainTarget(status, registry) → one line in Chinese and one in English. */
export function explainTarget(s: TargetStatus, registry: Registry): { zh: string; en: string } {
  const c = s.components;
  const indicator = registry.indicators.find((i) => i.id === s.indicator)!;
  const unit = indicator.unit;
  const word = statusWords[s.status];
  const when = c.deadlinePassed ? `截止日 ${c.deadline} 已过，按截止日数值判断` : `距截止日 ${c.deadline} 还有 ${n(c.monthsLeft, 1)} 个月`;
  const whenEn = c.deadlinePassed ? `deadline ${c.deadline} passed; judged on the value at the deadline` : `${n(c.monthsLeft, 1)} months to the deadline ${c.deadline}`;
  if (s.status === "no_data") {
    return { zh: `${word.zh}：截至 ${c.judgedAt} 没有可用数据；${when}`, en: `${word.en}: no data by ${c.judgedAt}; ${whenEn}` };
  }
  if (c.parts) {
    const done = c.parts.filter((p) => p.done);
    const pending = c.parts.filter((p) => !p.done);
    const qualitative = c.comparator === "qualitative" ? "（方案未给出衡量标准，依评估记录）" : "";
    return {
      zh: `${word.zh}${qualitative}：完成 ${done.length}/${c.parts.length} 项${pending.length ? `，未完成：${pending.map((p) => p.zh).join("、")}` : ""}；按直线进度应完成 ${n(c.expected, 0)} 项；${when}`,
      en: `${word.en}: ${done.length} of ${c.parts.length} done${pending.length ? `; pending: ${pending.map((p) => p.en).join(", ")}` : ""}; ${n(c.expected, 0)} due on the straight path; ${whenEn}`,
    };
  }
  if (c.rank) {
    const from = c.rank.source === "peers" ? `在 ${c.rank.of} 个报送的联动创新区中` : "（公开通报名次）";
    return {
      zh: `${word.zh}：${c.rank.period} ${from}排第 ${c.rank.rank} 名，目标前 ${c.targetValue} 名（${c.setting?.zh ?? ""}）；${when}`,
      en: `${word.en}: rank ${c.rank.rank}${c.rank.source === "peers" ? ` of ${c.rank.of} reporting zones` : " (published rank)"} in ${c.rank.period}; target top ${c.targetValue} (${c.setting?.en ?? ""}); ${whenEn}`,
    };
  }
  const share = c.share ? `（已落地或推广 ${c.share.replicated} 项 / 适用 ${c.share.applicable} 项）` : "";
  const shareEn = c.share ? ` (${c.share.replicated} replicated of ${c.share.applicable} applicable)` : "";
  const pace = c.paceNeeded !== null ? `；每月还需 ${n(c.paceNeeded)} ${unit.zh}` : "";
  const paceEn = c.paceNeeded !== null ? `; needs ${n(c.paceNeeded)} ${unit.en} a month` : "";
  const proj = c.projection !== null ? `；按近期趋势截止日可达 ${n(c.projection, 1)}` : "";
  const projEn = c.projection !== null ? `; the recent trend reaches ${n(c.projection, 1)} by the deadline` : "";
  return {
    zh: `${word.zh}：实际 ${n(c.actual)} ${unit.zh}${share}（${c.actualPeriod}），目标 ${symbol[c.comparator] ?? c.comparator} ${n(c.targetValue)}，直线进度应达 ${n(c.expected)}，比值 ${n(c.ratio)}${pace}${proj}；${when}`,
    en: `${word.en}: actual ${n(c.actual)} ${unit.en}${shareEn} (${c.actualPeriod}), target ${symbol[c.comparator] ?? c.comparator} ${n(c.targetValue)}, expected ${n(c.expected)} on the straight path, ratio ${n(c.ratio)}${paceEn}${projEn}; ${whenEn}`,
  };
}
