// A responsible unit's name as a page shows it. Units renamed after the plan (2022) — the 2023 reform
// of the financial regulators, say — read by today's name with the plan's beside it, so a reader can
// find the office and still recognise the plan's wording; where the plan is quoted (clauses, annex
// rows) pages keep the plan's own name. Today's name is in units.csv only with its published source
// (tables.ts refuses one without).

import type { Entity, Names } from "./types.ts";

/** Today's name of an entity renamed since the plan, or null when units.csv gives none. */
export function currentName(e: Pick<Entity, "attrs" | "name">): Names | null {
  const zh = e.attrs.current_name_zh;
  if (!zh) return null;
  return { zh, en: e.attrs.current_name_en || e.name.en };
}

/** unitName(unit, lang): 国家金融监督管理总局永川监管分局（原永川银保监分局）, or the plan's name when it is still the name. */
export function unitName(e: Pick<Entity, "attrs" | "name">, lang: "zh" | "en"): string {
  const now = currentName(e);
  if (!now) return e.name[lang];
  return lang === "zh" ? `${now.zh}（原${e.name.zh}）` : `${now.en} (formerly ${e.name.en})`;
}

/** Where today's name comes from, for a note beside it: title, address and date as units.csv cites them. */
export function renameSource(e: Pick<Entity, "attrs">): { title: string; url: string; date: string } | null {
  const { source_title: title, source_url: url, source_date: date } = e.attrs;
  return e.attrs.current_name_zh && title && url && date ? { title, url, date } : null;
}
