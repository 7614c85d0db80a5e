// The 33 annex items as a status board, grouped by the plan's categories (三（一）) or by responsible
// unit. Each item shows its status in words and a symbol (never colour alone), its units, and — when
// opened — its full title, evidence and status history. All text from data is set as text.

import type { ItemRow } from "../../pipeline/status/boards.ts";
import { itemAnchor } from "../../pipeline/finder/entries.ts";
import { clauseText, formatDate, type Lang } from "./i18n.js";
import { markOriginal, originalText } from "./original.js";
import { setStatusColours } from "./statusStyle.js";

export type ItemStatusCode = "not_started" | "in_progress" | "landed" | "promoted" | "not_applicable" | "no_report";

// Light- and dark-theme colours of the status words, each ≥ 4.5:1 on its theme's backgrounds (tests/components/statusStyle.test.ts).
export const itemStatusStyle: Record<ItemStatusCode, { symbol: string; colour: string; dark: string; zh: string; en: string }> = {
  promoted: { symbol: "★", colour: "#2e7d32", dark: "#81c784", zh: "已推广", en: "Rolled out" },
  landed: { symbol: "✔", colour: "#33691e", dark: "#aed581", zh: "已落地", en: "Landed" },
  in_progress: { symbol: "◐", colour: "#1565c0", dark: "#64b5f6", zh: "推进中", en: "In progress" },
  not_started: { symbol: "○", colour: "#666666", dark: "#b0b0b0", zh: "未启动", en: "Not started" },
  not_applicable: { symbol: "—", colour: "#666666", dark: "#b0b0b0", zh: "不适用", en: "Not applicable" },
  no_report: { symbol: "?", colour: "#666666", dark: "#b0b0b0", zh: "未报送", en: "Not reported" },
};

export const categoryNames: Record<string, { zh: string; en: string }> = {
  customs: { zh: "海关监管", en: "Customs" },
  market_regulation: { zh: "市场监管", en: "Market regulation" },
  finance: { zh: "金融创新", en: "Finance" },
  trade_in_services: { zh: "服务贸易", en: "Trade in services" },
  tax: { zh: "税务管理", en: "Tax" },
  port_logistics: { zh: "口岸物流", en: "Port logistics" },
  other: { zh: "其他", en: "Other" },
};

/** A row of the item board as the export writes it (pipeline/status/boards.ts). */
export type { ItemRow } from "../../pipeline/status/boards.ts";

export interface ItemBoardOptions {
  lang: Lang;
  groupBy: "category" | "unit";
  /** Unit code → name in the page's language. */
  unitNames: Map<string, string>;
  document?: Document;
}

export function ItemBoard(rows: ItemRow[], { lang, groupBy, unitNames, document = globalThis.document }: ItemBoardOptions): HTMLElement {
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const groups = new Map<string, ItemRow[]>();
  for (const row of rows) {
    for (const key of groupBy === "category" ? [row.category] : row.units) {
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  const order = groupBy === "category" ? Object.keys(categoryNames) : [...unitNames.keys()];
  const board = el("div", "item-board");
  const anchored = new Set<number>();
  for (const key of order.filter((k) => groups.has(k))) {
    const items = groups.get(key)!;
    const section = el("section", "item-group");
    section.dataset.group = key;
    const title = groupBy === "category" ? categoryNames[key]![lang] : (unitNames.get(key) ?? key);
    const done = items.filter((i) => i.replicated).length;
    section.append(el("h3", "", lang === "zh" ? `${title}（${done}/${items.length}）` : `${title} (${done}/${items.length})`));
    const list = el("ul", "item-list");
    for (const item of items) list.append(itemRow(item));
    section.append(list);
    board.append(section);
  }
  return board;

  function itemRow(item: ItemRow): HTMLElement {
    const style = itemStatusStyle[item.status];
    const li = el("li", `item-row status-${item.status}${item.overdue ? " overdue" : ""}`);
    li.dataset.item = String(item.no);
    // The finder's link (#item-19) lands on the item's first row (grouped by unit, an item shows under each of its units).
    if (!anchored.has(item.no)) {
      anchored.add(item.no);
      li.id = itemAnchor(item.no);
    }
    setStatusColours(li, style);
    const details = el("details");
    const summary = el("summary");
    summary.append(
      el("span", "item-no", String(item.no).padStart(2, "0")),
      el("span", "item-title", lang === "zh" ? item.short.zh : item.short.en),
      el("span", "item-status", `${style.symbol} ${style[lang]}`),
    );
    if (item.overdue) summary.append(el("span", "overdue-tag", lang === "zh" ? "逾期" : "overdue"));
    details.append(summary);
    // The annex's full title, as the plan writes it (in Chinese on both pages).
    const fullTitle = el("p", "item-full-title", item.title);
    markOriginal(fullTitle, lang);
    details.append(fullTitle);
    const colon = lang === "zh" ? "：" : ": ";
    details.append(el("p", "item-units", `${lang === "zh" ? "责任单位" : "Responsible"}${colon}${item.units.map((u) => unitNames.get(u) ?? u).join(lang === "zh" ? "、" : ", ")} · ${clauseText(item.clause, lang)}`));
    if (item.since) details.append(el("p", "item-since", `${lang === "zh" ? "状态日期" : "Since"}${colon}${formatDate(item.since, lang)}`));
    if (item.evidence) {
      const p = el("p", "item-evidence", `${lang === "zh" ? "佐证" : "Evidence"}${colon}`);
      p.append(originalText(item.evidence, lang, document));
      details.append(p);
    }
    if (item.history?.length) {
      const h = el("ol", "item-history");
      for (const x of item.history) {
        const li = el("li", "", `${formatDate(x.date, lang)} ${itemStatusStyle[x.status][lang]}${x.evidence ? " — " : ""}`);
        if (x.evidence) li.append(originalText(x.evidence, lang, document));
        li.append(` (${x.file}:${x.line})`);
        h.append(li);
      }
      details.append(h);
    }
    if (item.sample) details.append(el("p", "sample-tag", lang === "zh" ? "样例数据" : "SAMPLE DATA"));
    li.append(details);
    return li;
  }
}
