// Printing a page for the meeting: a print button, and the footer every printed page carries — the
// as-of date, the sample notice where it applies, page n of m and when it was printed, in 北京时间. The
// footer is CSS @page margin boxes (Chromium draws them since version 131), so the button's
// window.print() and `ftz report`'s headless printToPDF give the same pages.

import { beijingTime, formatDate, type Lang } from "./i18n.js";

const STYLE_ID = "ftz-print-footer";

export interface FooterOptions {
  lang: Lang;
  asOf: string;
  sample: boolean;
  /** The moment printed; now, unless a test fixes it. */
  now?: () => Date;
  document?: Document;
}

const cssString = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, " ")}"`;

/** The footer's three texts: left (as-of and sample), the page numbers as CSS content, right (printed at). */
export function footerParts({ lang, asOf, sample, now = () => new Date() }: FooterOptions): { left: string; pages: string; right: string } {
  const zh = lang === "zh";
  const left = zh ? `数据截至${formatDate(asOf, "zh")}${sample ? "　样例数据，非官方统计" : ""}` : `Data as of ${formatDate(asOf, "en")}${sample ? " · Sample data, not official" : ""}`;
  const pages = zh ? `"第 " counter(page) " 页，共 " counter(pages) " 页"` : `"Page " counter(page) " of " counter(pages)`;
  const right = zh ? `打印于${beijingTime(now().toISOString(), "zh")}` : `Printed ${beijingTime(now().toISOString(), "en")}`;
  return { left, pages, right };
}

/**
 * printFooter(options) puts (or replaces) the page's @page rule with the footer, and brings the printing
 * time up to date just before each print.
 */
export function printFooter(options: FooterOptions): void {
  const document = options.document ?? globalThis.document;
  const write = () => {
    const { left, pages, right } = footerParts(options);
    let style = document.getElementById(STYLE_ID);
    if (!style) {
      style = document.createElement("style");
      style.id = STYLE_ID;
      document.head.append(style);
      document.defaultView?.addEventListener("beforeprint", () => (style as HTMLStyleElement & { refresh?: () => void }).refresh?.());
    }
    (style as HTMLStyleElement & { refresh?: () => void }).refresh = write;
    const box = `font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 8pt; color: #333;`;
    style.textContent = `@page { size: A4; margin: 12mm 12mm 16mm;
  @bottom-left { content: ${cssString(left)}; ${box} }
  @bottom-center { content: ${pages}; ${box} }
  @bottom-right { content: ${cssString(right)}; ${box} } }`;
  };
  write();
}

/** The class that lays the page out at A4's printed width while it prints (style.css). */
export const PRINTING_CLASS = "ftz-printing";

/**
 * preparePrint(): lays the page out at the printed width, so that the charts — drawn at their
 * container's width, which Framework's `width` follows — are drawn again for the paper instead of
 * being shrunk into it (their text would fall to 5–6 px). Resolves once the page has been quiet for
 * 150 ms (the charts redrawn), or after 3 s at most: a slow machine then prints them scaled, not wrong.
 */
export function preparePrint(document: Document = globalThis.document): Promise<void> {
  const root = document.documentElement;
  if (root.classList.contains(PRINTING_CLASS)) return Promise.resolve();
  root.classList.add(PRINTING_CLASS);
  const view = document.defaultView!;
  view.addEventListener("afterprint", () => root.classList.remove(PRINTING_CLASS), { once: true });
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout>;
    const done = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      resolve();
    };
    const observer = new view.MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, 150);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    quiet = setTimeout(done, 300);
    const limit = setTimeout(done, 3000);
  });
}

/** The button that prints the page (hidden on paper): laid out for A4 first, then the browser's print. */
export function PrintButton(lang: Lang, document: Document = globalThis.document): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "print-button";
  button.textContent = lang === "zh" ? "打印（A4）" : "Print (A4)";
  button.addEventListener("click", () => void preparePrint(document).then(() => document.defaultView?.print()));
  return button;
}
