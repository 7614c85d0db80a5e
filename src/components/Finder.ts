// The finder in every page's header: type a few characters (Chinese or English, an item's number) and
// jump to an indicator, reform item, unit or park. The ARIA combobox pattern: a text box that owns a
// listbox of options; ↓/↑ move through them, Enter goes to the one chosen (the first if none is),
// Esc closes the list (and, closed, clears the box); a live region says how many were found. The
// entries (finder.json) are read once, when the reader first focuses the box; the matching is the
// pipeline's (pipeline/finder/match.ts), run on each keystroke in the page.

import type { FinderEntry, FinderKind } from "../../pipeline/finder/entries.ts";
import { findEntries } from "../../pipeline/finder/match.ts";
import type { Lang } from "./i18n.js";
import { relativeHref } from "./nav.js";
import { AS_OF_PARAM } from "./urlState.js";

export interface FinderOptions {
  lang: Lang;
  /** This page's path with its language, e.g. "/zh/parks": links are made relative to it. */
  here: string;
  /** The entries, read when first needed (a page passes its FileAttachment's json). */
  load: () => Promise<readonly FinderEntry[]>;
  document?: Document;
  /** Where Enter or a click goes (tests replace it): the page's location by default. */
  go?: (href: string) => void;
}

const kindWords: Record<FinderKind, Record<Lang, string>> = {
  indicator: { zh: "指标", en: "Indicator" },
  item: { zh: "改革事项", en: "Reform item" },
  unit: { zh: "责任单位", en: "Unit" },
  park: { zh: "园区", en: "Park" },
};

const words = {
  label: { zh: "查找", en: "Find" },
  placeholder: { zh: "指标、事项序号、单位或园区", en: "Indicator, item no., unit or park" },
  loading: { zh: "正在读取…", en: "Loading…" },
  none: { zh: "没有找到", en: "Nothing found" },
  found: { zh: (n: number) => `找到 ${n} 项，按上下键选择，回车前往`, en: (n: number) => `${n} found: arrow keys to choose, Enter to go` },
};

let finders = 0;

/** How an entry reads in the list: an item with its number (第19项 / No. 19). */
export function entryLabel(entry: FinderEntry, lang: Lang): string {
  if (entry.kind !== "item") return entry.name[lang];
  return lang === "zh" ? `第${entry.code}项 ${entry.name.zh}` : `No. ${entry.code} ${entry.name.en}`;
}

/** The link to an entry from the page `here`, with the page's as-of date carried along. */
export function entryHref(entry: FinderEntry, lang: Lang, here: string, search: string): string {
  const [pathAndQuery, hash] = entry.path.split("#") as [string, string | undefined];
  const [path, query] = pathAndQuery.split("?") as [string, string | undefined];
  const params = new URLSearchParams(query ?? "");
  const asOf = new URLSearchParams(search).get(AS_OF_PARAM);
  if (asOf) params.set(AS_OF_PARAM, asOf);
  const q = params.toString();
  return `${relativeHref(here, `/${lang}${path}`)}${q ? `?${q}` : ""}${hash ? `#${hash}` : ""}`;
}

export function Finder({ lang, here, load, document = globalThis.document, go }: FinderOptions): HTMLElement {
  const id = `finder-${++finders}`;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const box = el("div", "finder");
  box.setAttribute("role", "search");
  const label = el("label", "finder-label", words.label[lang]);
  label.setAttribute("for", `${id}-input`);
  const input = el("input", "finder-input");
  Object.assign(input, { id: `${id}-input`, type: "text", autocomplete: "off", spellcheck: false, placeholder: words.placeholder[lang] });
  for (const [k, v] of Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": `${id}-list` })) input.setAttribute(k, v);
  const list = el("ul", "finder-list");
  list.id = `${id}-list`;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", words.label[lang]);
  list.hidden = true;
  const status = el("span", "finder-status");
  status.setAttribute("role", "status");
  box.append(label, input, list, status);

  let entries: readonly FinderEntry[] | null = null;
  let loading: Promise<void> | null = null;
  let shown: FinderEntry[] = [];
  let active = -1;
  const navigate = go ?? ((href: string) => document.defaultView?.location.assign(href));
  const hrefOf = (e: FinderEntry) => entryHref(e, lang, here, document.location?.search ?? "");

  const open = (yes: boolean) => {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", String(yes));
    if (!yes) setActive(-1);
  };
  const setActive = (i: number) => {
    active = i;
    list.querySelectorAll('[role="option"]').forEach((o, j) => o.setAttribute("aria-selected", String(j === i)));
    if (i < 0) input.removeAttribute("aria-activedescendant");
    else {
      input.setAttribute("aria-activedescendant", `${id}-option-${i}`);
      list.children[i]?.scrollIntoView?.({ block: "nearest" });
    }
  };
  const render = () => {
    const query = input.value;
    if (!query.trim()) {
      shown = [];
      list.replaceChildren();
      status.textContent = "";
      open(false);
      return;
    }
    if (!entries) {
      status.textContent = words.loading[lang];
      return;
    }
    shown = findEntries(entries, query, lang).map((m) => m.entry);
    list.replaceChildren(
      ...shown.map((entry, i) => {
        const option = el("li", `finder-option kind-${entry.kind}`);
        option.id = `${id}-option-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.href = hrefOf(entry);
        option.append(el("span", "finder-kind", kindWords[entry.kind][lang]), el("span", "finder-name", entryLabel(entry, lang)));
        // Names are data: an English page keeps a Chinese-only name marked as Chinese.
        if (lang === "en" && /\p{Script=Han}/u.test(entry.name.en)) option.lastElementChild!.setAttribute("lang", "zh-CN");
        // The box keeps the focus when an option is pressed; the click then goes.
        option.addEventListener("mousedown", (ev) => ev.preventDefault());
        option.addEventListener("click", () => navigate(option.dataset.href!));
        return option;
      }),
    );
    status.textContent = shown.length ? words.found[lang](shown.length) : words.none[lang];
    open(shown.length > 0);
  };
  const ensureLoaded = () => {
    loading ??= load().then(
      (e) => {
        entries = e;
        render();
      },
      () => {
        loading = null; // tried again at the next focus
      },
    );
  };

  input.addEventListener("focus", ensureLoaded);
  input.addEventListener("input", () => {
    ensureLoaded();
    render();
  });
  input.addEventListener("blur", () => open(false));
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!shown.length) return;
      if (list.hidden) open(true);
      const step = ev.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length);
    } else if (ev.key === "Enter") {
      const entry = shown[Math.max(active, 0)];
      if (!entry) return;
      ev.preventDefault();
      open(false);
      navigate(hrefOf(entry));
    } else if (ev.key === "Escape") {
      if (!list.hidden) open(false);
      else {
        input.value = "";
        render();
      }
    }
  });
  return box;
}

/**
 * Brings the element the URL's #hash names into view once the page has drawn it: Framework draws a
 * page's cells after their data arrive, too late for the browser's own jump to the hash. Watches the
 * page for at most `limit` ms, and again whenever the hash changes (a finder link on the same page).
 */
export function revealHash(document: Document = globalThis.document, limit = 10_000): void {
  const reveal = () => {
    const id = decodeURIComponent(document.location.hash.slice(1));
    if (!id) return;
    const show = (target: Element) => {
      // An item's row folds its details: open them, the reader came for this item.
      const details = target.querySelector(":scope > details");
      if (details) (details as HTMLDetailsElement).open = true;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "start" });
      (target as HTMLElement).focus({ preventScroll: true });
    };
    // A cell that runs again (its as-of date read from the URL, the width) draws its element anew:
    // shown again while the page settles, up to `limit`, unless the reader has moved on.
    let shown: Element | null = null;
    const showCurrent = () => {
      const target = document.getElementById(id);
      if (!target || target === shown) return;
      if (shown && document.activeElement !== document.body && !shown.contains(document.activeElement)) return;
      shown = target;
      show(target);
    };
    const observer = new MutationObserver(showCurrent);
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), limit);
    showCurrent();
  };
  document.defaultView?.addEventListener("hashchange", reveal);
  reveal();
}
