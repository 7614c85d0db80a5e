// Text from the data files as it was written (task titles, deliverables, evidence, the annex's full item
// titles, sources): the analysts write it in Chinese and nobody translates it. On an English page such
// text is a quotation in its own language: marked lang="zh-CN" (screen readers read it as Chinese, and
// the language-purity test knows it for a quotation) and visibly marked as untranslated (style.css adds
// "(zh)"). A bilingual text written "中文 / English" shows the page's half.

import type { Lang } from "./i18n.js";

const chinese = /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff60]/;

/** "样例数据，非官方统计 / sample data, not official" → the half in `lang`; any other text as it is. */
export function bilingualPart(text: string, lang: Lang): string {
  const m = /^(.*?[\u4e00-\u9fff].*?)\s+\/\s+([^\u4e00-\u9fff]+)$/.exec(text);
  return m ? (lang === "zh" ? m[1]! : m[2]!) : text;
}

/** Whether text from the data must be marked as Chinese on a page in `lang`. */
export function isChineseOriginal(text: string, lang: Lang): boolean {
  return lang === "en" && chinese.test(text);
}

/** A <span> of data text: on an English page, Chinese text marked as an untranslated original. */
export function originalText(text: string | null | undefined, lang: Lang, document: Document = globalThis.document): HTMLElement {
  const span = document.createElement("span");
  const shown = bilingualPart(text ?? "", lang);
  span.textContent = shown;
  if (isChineseOriginal(shown, lang)) markOriginal(span, lang);
  return span;
}

/** Marks an element holding Chinese original text on an English page. */
export function markOriginal(el: HTMLElement, lang: Lang): void {
  if (lang !== "en") return;
  el.setAttribute("lang", "zh-CN");
  el.classList.add("original");
  el.setAttribute("title", "As written, in Chinese (not translated)");
}
