// The finder's matching and ranking: what a reader typed → the entries it most likely means, best
// first. Chinese is matched by characters (two characters of a name are enough; no pinyin), English by
// words and letters, a reform item also by its number (19, 第19项, No. 19). Pure: the page runs it on
// every keystroke over the entries of finder.json (entries.ts).

import { finderKinds, type FinderEntry } from "./entries.ts";

export interface FinderMatch {
  entry: FinderEntry;
  /** How good the match is: higher first (the tiers below). */
  score: number;
}

/** The tiers of a match, best first. */
const TIER = {
  itemNumber: 100,
  exact: 90,
  prefix: 80,
  wordPrefix: 70,
  inName: 60,
  inAlso: 50,
  inOrder: 30,
} as const;

/**
 * A text as matched: full-width letters and digits as ASCII (NFKC), lower case, with no spaces or
 * punctuation, so that "Cross-border" finds "cross border" and "（原" never blocks a match.
 */
export function matchText(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
}

/** The item number a query names — "19", "第19项", "第 19 项", "19项", "No. 19", "item 19", "#19" — or null. */
export function itemNumber(query: string): number | null {
  const m = /^(?:第|no\.?|item|#|事项)?\s*(\d{1,3})\s*(?:项|号)?$/i.exec(query.normalize("NFKC").trim());
  return m ? Number(m[1]) : null;
}

/** Every character of `q` in `text`, in order (凤湖 in 凤凰湖产业园). */
function inOrder(q: string, text: string): boolean {
  let at = 0;
  for (const ch of q) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

/** Whether a word of `name` (as written, split at spaces and hyphens) starts with the query. */
function wordStarts(q: string, name: string): boolean {
  const words = name.normalize("NFKC").toLowerCase().split(/[\s\-–—/·,()（）]+/);
  return words.some((_, i) => matchText(words.slice(i).join("")).startsWith(q));
}

/** The best tier at which `entry` matches the query `q` (already matchText'd), or 0. */
function score(entry: FinderEntry, q: string, raw: string): number {
  const number = entry.kind === "item" ? itemNumber(raw) : null;
  if (number !== null && String(number) === entry.code) return TIER.itemNumber;
  const names = [entry.name.zh, entry.name.en];
  const keys = [...names, entry.code, ...entry.also].map(matchText);
  if (keys.includes(q)) return TIER.exact;
  const nameKeys = keys.slice(0, 3); // the two names and the code
  if (nameKeys.some((k) => k.startsWith(q))) return TIER.prefix;
  if (names.some((n) => wordStarts(q, n))) return TIER.wordPrefix;
  // One Latin letter or digit matches too much inside words: only at a start (above).
  const short = q.length < 2 && /^[a-z0-9]$/.test(q);
  if (short) return 0;
  if (nameKeys.some((k) => k.includes(q))) return TIER.inName;
  if (keys.slice(3).some((k) => k.includes(q))) return TIER.inAlso;
  // Characters in order only for Chinese, where readers skip characters (凤湖); in English it finds noise.
  if (/\p{Script=Han}/u.test(q) && q.length >= 2 && inOrder(q, matchText(entry.name.zh))) return TIER.inOrder;
  return 0;
}

/**
 * findEntries(entries, query, lang, limit): the entries the query matches, best first: an item by its
 * number, then exact names and codes, names starting with it, words starting with it, names holding it,
 * other words holding it, Chinese characters in order. Equal matches: the page's language's name
 * matched first, then indicators, items, units, parks, then the shorter name, then the code.
 */
export function findEntries(entries: readonly FinderEntry[], query: string, lang: "zh" | "en", limit = 8): FinderMatch[] {
  const q = matchText(query);
  if (!q) return [];
  const found: (FinderMatch & { ownLanguage: boolean })[] = [];
  for (const entry of entries) {
    const s = score(entry, q, query);
    if (s > 0) found.push({ entry, score: s, ownLanguage: matchText(entry.name[lang]).includes(q) });
  }
  found.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.ownLanguage) - Number(a.ownLanguage) ||
      finderKinds.indexOf(a.entry.kind) - finderKinds.indexOf(b.entry.kind) ||
      a.entry.name[lang].length - b.entry.name[lang].length ||
      (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0),
  );
  return found.slice(0, limit).map(({ entry, score }) => ({ entry, score }));
}
