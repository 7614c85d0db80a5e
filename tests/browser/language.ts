// Language purity of a rendered page, both ways: a Chinese page shows no English words of its own (UI
// text, formats, axis labels, month ticks), an English page no Chinese characters or full-width
// punctuation. What is exempt, and why:
// - text inside <code>, <pre>, <script>, <style>, and elements marked translate="no" (file paths,
//   example files and identifiers shown for analysts to type);
// - on English pages, text inside an element whose lang is Chinese (lang="zh…"): a source text quoted
//   in its own language, marked as such for screen readers (e.g. the language switch "中文");
// - on Chinese pages, file paths and names (a/b.csv), and the abbreviations Chinese official texts
//   themselves use (CSV, UTF-8, GBK, Excel, WPS, SVG, PNG, PDF, SHA-256, RCEP …) and the word "English"
//   on the language switch.
// Hidden text (display: none, <details> closed) is checked too: it is one click away.

import type { Page } from "playwright-core";

/** Latin words a Chinese page may show: abbreviations and names Chinese official texts use as they are. */
export const LATIN_IN_CHINESE = new Set(["CSV", "UTF", "GBK", "GB", "Excel", "WPS", "SVG", "PNG", "PDF", "SHA", "RCEP", "English", "Arrow", "IPC", "ID", "FTZ"]);

/** The text of a page as a reader meets it: [text, the element's path] for each run of text. */
async function pageTexts(page: Page, lang: "zh" | "en"): Promise<{ text: string; where: string }[]> {
  // Sent as text: a function compiled by tsx or vitest can carry helpers (__name) the page lacks.
  return page.evaluate(`(${inPage})(${JSON.stringify(lang)})`) as Promise<{ text: string; where: string }[]>;
}

const inPage = `function (lang) {
  function skip(el) {
    for (let e = el; e; e = e.parentElement) {
      const tag = e.localName;
      if (tag === "code" || tag === "pre" || tag === "script" || tag === "style" || tag === "noscript") return true;
      if (e.getAttribute("translate") === "no") return true;
      const l = e.getAttribute("lang");
      if (e !== document.documentElement && l && l.slice(0, 2) !== lang) return true;
    }
    return false;
  }
  function where(el) {
    const parts = [];
    for (let e = el; e && parts.length < 4; e = e.parentElement) parts.unshift(e.localName + (typeof e.className === "string" && e.className ? "." + e.className.split(" ")[0] : ""));
    return parts.join(" > ");
  }
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.nodeValue || "").trim();
    const el = n.parentElement;
    if (!text || !el || skip(el)) continue;
    out.push({ text, where: where(el) });
  }
  for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], [aria-description]")) {
    if (skip(el)) continue;
    for (const a of ["aria-label", "title", "placeholder", "aria-description"]) {
      const v = el.getAttribute(a);
      if (v) out.push({ text: v, where: where(el) + "[" + a + "]" });
    }
  }
  return out;
}`;

/** Chinese characters and full-width punctuation (CJK ideographs, CJK punctuation, full-width forms). */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6]+/g;

/** English words in a Chinese text, after removing paths and file names. */
export function englishWords(text: string): string[] {
  const cleaned = text
    .replace(/\b[A-Z]{2,5}-\d+\b/g, " ") // task ids: REP-01
    .replace(/\S*[/\\]\S*/g, " ") // paths: data/sample/x.csv:12
    .replace(/\S+\.(csv|tsv|txt|json|arrow|svg|png|pdf|xlsx|xls)\b\S*/gi, " ");
  return (cleaned.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g) ?? []).filter((w) => !LATIN_IN_CHINESE.has(w));
}

/** Chinese fragments in an English text. */
export function chineseFragments(text: string): string[] {
  return text.match(CHINESE) ?? [];
}

/** What is wrong with a page's language: one line per offending text, at most `limit`. */
export async function languageProblems(page: Page, lang: "zh" | "en", limit = 15): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { text, where } of await pageTexts(page, lang)) {
    const found = lang === "zh" ? englishWords(text) : chineseFragments(text);
    if (!found.length) continue;
    const line = `${lang === "zh" ? "English" : "Chinese"} ${JSON.stringify(found.slice(0, 5))} in ${where}: "${text.slice(0, 80)}"`;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push(line);
  }
  return problems.length > limit ? [...problems.slice(0, limit), `… and ${problems.length - limit} more`] : problems;
}
