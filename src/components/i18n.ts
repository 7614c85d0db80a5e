// Chinese first, English complete: every word the pages show, and numbers and dates in each
// language's form. Text from data (names, notes, sources) never passes through here as HTML.

export type Lang = "zh" | "en";
export const langs: Lang[] = ["zh", "en"];

/** The language of a page from its route parameter; anything unknown is Chinese. */
export function langOf(param: string | undefined): Lang {
  return param === "en" ? "en" : "zh";
}

const words = {
  site: { zh: "联动创新区监测平台", en: "Linked Innovation Zone Monitor" },
  siteSub: { zh: "中国（重庆）自由贸易试验区永川联动创新区", en: "Yongchuan Linked Innovation Zone, China (Chongqing) Pilot FTZ" },
  overview: { zh: "总览", en: "Overview" },
  parks: { zh: "园区对比", en: "Parks" },
  indicators: { zh: "指标", en: "Indicators" },
  items: { zh: "改革事项", en: "Reform items" },
  lists: { zh: "四张清单", en: "Task lists" },
  units: { zh: "责任单位", en: "Units" },
  data: { zh: "数据", en: "Data" },
  briefing: { zh: "简报", en: "Briefing" },
  switchLang: { zh: "English", en: "中文" },
  asOf: { zh: "截至", en: "As of" },
  asOfLabel: { zh: "查看日期", en: "Status as of" },
  sampleBanner: {
    zh: "样例数据：本页数字为演示系统而生成，并非官方统计结果。",
    en: "Sample data: the figures on this page were made up to show the system; they are not official results.",
  },
  sampleMark: { zh: "样例数据", en: "SAMPLE DATA" },
  target: { zh: "目标", en: "Target" },
  actual: { zh: "实际", en: "Actual" },
  expected: { zh: "序时进度应达", en: "Expected by now" },
  ratio: { zh: "完成率", en: "Completion" },
  deadline: { zh: "截止", en: "Deadline" },
  monthsLeft: { zh: "剩余月数", en: "Months left" },
  deadlinePassed: { zh: "已过截止日", en: "deadline passed" },
  paceNeeded: { zh: "每月还需", en: "Needed per month" },
  projection: { zh: "趋势预测", en: "Trend projection" },
  noData: { zh: "暂无数据", en: "No data" },
  targets2023: { zh: "2023 年目标", en: "2023 targets" },
  targets2025: { zh: "2025 年目标", en: "2025 targets" },
  planClause: { zh: "方案条款", en: "Plan clause" },
  source: { zh: "来源", en: "Source" },
  download: { zh: "下载", en: "Download" },
  downloadCsv: { zh: "下载 CSV", en: "Download CSV" },
  downloadSvg: { zh: "下载 SVG", en: "Download SVG" },
  downloadPng: { zh: "下载 PNG", en: "Download PNG" },
  period: { zh: "时期", en: "Period" },
  value: { zh: "数值", en: "Value" },
  park: { zh: "园区", en: "Park" },
  zone: { zh: "全区", en: "Zone" },
  pace: { zh: "序时进度", en: "Planned pace" },
  trend: { zh: "趋势", en: "Trend" },
  revision: { zh: "数据版本", en: "Data revision" },
  settingNote: { zh: "设定值", en: "setting" },
} as const;

export type Word = keyof typeof words;

export function t(lang: Lang, word: Word): string {
  return words[word][lang];
}

/** A name in the page's language: {zh, en} objects from the registry. */
export function name(lang: Lang, n: { zh: string; en: string }): string {
  return n[lang] || n.zh;
}

/**
 * formatNumber(value, lang) with thousands separators and at most two decimals; in Chinese, counts of
 * ten thousand and more read in 万 and 亿 (12,345 → 1.23万), as Chinese reports write them.
 */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const f = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits, useGrouping: true });
  if (lang === "zh" && Math.abs(value) >= 1e8) return `${f.format(value / 1e8)}亿`;
  if (lang === "zh" && Math.abs(value) >= 1e4) return `${f.format(value / 1e4)}万`;
  return f.format(value);
}

/** formatDate("2023-12-31", lang): 2023年12月31日 · 31 Dec 2023. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  if (lang === "zh") return `${y}年${m}月${d}日`;
  return `${d} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${y}`;
}

export { periodText, dateText, clauseText } from "../../pipeline/status/words.ts";
export { rankWords } from "../../pipeline/status/rank.ts";

/**
 * beijingTime("2026-12-02T07:04:05Z", lang): a moment in 北京时间 (UTC+8, China has no daylight saving):
 * 2026年12月2日 15:04（北京时间） · 2 Dec 2026, 15:04 Beijing time.
 */
export function beijingTime(iso: string, lang: Lang): string {
  const at = new Date(Date.parse(iso) + 8 * 3_600_000);
  if (Number.isNaN(+at)) return iso;
  const day = at.toISOString().slice(0, 10);
  const time = at.toISOString().slice(11, 16);
  return lang === "zh" ? `${formatDate(day, "zh")} ${time}（北京时间）` : `${formatDate(day, "en")}, ${time} Beijing time`;
}

/** The same page in the other language: /zh/parks ↔ /en/parks. */
export function otherLangPath(path: string, lang: Lang): string {
  const other = lang === "zh" ? "en" : "zh";
  return path.replace(/^(.*?\/)(zh|en)(\/|$)/, `$1${other}$3`);
}
