// Period forms that Excel and WPS make of what analysts type, read on top of parsePeriod (period.ts):
//   24年3月      a two-digit year, as tables' column heads are often written → 2024-03;
//   45352        a date serial: a date cell saved to CSV (or read) in General format → that day, with a
//                warning that says which day it was read as;
//   2024.1       a number cell: Excel keeps a typed 2024.10 as 2024.1, so "2024.1" may be October:
//                read as January, with a warning that names the ambiguity. (2024.3, 2024.03 and 2024/3
//                are months already: period.ts reads them.)

import { parsePeriod, type PeriodParse } from "./period.ts";
import { halfWidth } from "./text.ts";

/** What the reading said beside the period: the problem code and its parameters. */
export interface PeriodNotice {
  code: "ambiguous_period" | "period_from_serial";
  params: Record<string, string>;
}

/** Excel's serials of 1990-01-01 and 2100-12-31: the years periods may have (period.ts). */
const FIRST_SERIAL = 32874;
const LAST_SERIAL = 73415;

export function parsePeriodAsTyped(text: string): PeriodParse & { notice?: PeriodNotice } {
  const t = halfWidth(text).replace(/\s+/g, "");
  let m: RegExpExecArray | null;
  if ((m = /^(\d{2})年(\d{1,2})月(?:份)?$/.exec(t))) return parsePeriod(`20${m[1]}年${m[2]}月`);
  if ((m = /^(\d{4})\.1$/.exec(t))) {
    const p = parsePeriod(`${m[1]}-01`);
    if (!p.ok) return p;
    const y = m[1]!;
    return { ...p, notice: { code: "ambiguous_period", params: { value: t, expected: `${y}年1月`, other: `${y}年10月（${y}.10）`, detail: `${y}-01 或 ${y}-10`, detailEn: `${y}-01 or ${y}-10` } } };
  }
  if (/^\d{5}$/.test(t) && +t >= FIRST_SERIAL && +t <= LAST_SERIAL) {
    const iso = new Date(Date.UTC(1899, 11, 30) + +t * 86_400_000).toISOString().slice(0, 10);
    const p = parsePeriod(iso);
    return p.ok ? { ...p, notice: { code: "period_from_serial", params: { value: t, expected: iso } } } : p;
  }
  return parsePeriod(text);
}
