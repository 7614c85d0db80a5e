// The header every page places: the site's name, the pages in the page's language, the switch to
// the same page in the other language, the finder, and — whenever sample data is shown — the sample banner.

import { otherLangPath, t, type Lang, type Word } from "./i18n.js";
import { AS_OF_PARAM, carry } from "./urlState.js";
import { Finder, revealHash } from "./Finder.js";
import type { FinderEntry } from "../../pipeline/finder/entries.ts";

export interface NavOptions {
  lang: Lang;
  /** This page's route without the language, e.g. "/", "/parks", "/indicators/ftz_aligned_cases". */
  route: string;
  sample: boolean;
  /** The finder's entries: the page's FileAttachment("…/data/finder.json"), read when the finder is first used. */
  finder?: { json(): Promise<unknown> };
  document?: Document;
}

const pages: { route: string; word: Word }[] = [
  { route: "/", word: "overview" },
  { route: "/parks", word: "parks" },
  { route: "/indicators/", word: "indicators" },
  { route: "/items", word: "items" },
  { route: "/lists", word: "lists" },
  { route: "/units", word: "units" },
  { route: "/data", word: "data" },
  { route: "/briefing", word: "briefing" },
];

/**
 * The last part of a page's URL path, without ".html": the indicator of /zh/indicators/<id>. The
 * indicator page reads it here, not from Framework's route parameter, because one built page serves
 * every indicator (pipeline/site/indicators.ts).
 */
export function pageName(pathname: string): string {
  return decodeURIComponent(pathname.split("/").pop() ?? "").replace(/\.html$/, "");
}

/** A link from one route to another, relative, so the site works under any folder of an intranet server. */
export function relativeHref(from: string, to: string): string {
  const depth = from.split("/").length - 2; // "/zh/parks" → 1 folder deep below the root
  const up = depth > 0 ? "../".repeat(depth) : "./";
  return `${up}${to.replace(/^\//, "")}`;
}

export function Nav({ lang, route, sample, finder, document = globalThis.document }: NavOptions): HTMLElement {
  const el = (tag: string, cls?: string, text?: string) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const here = `/${lang}${route === "/" ? "/" : route}`;
  const header = el("header", "ftz-nav");
  const brand = el("a", "brand");
  brand.setAttribute("href", relativeHref(here, `/${lang}/`));
  // The as-of date goes with the reader to the other pages; the switch keeps this page's whole view.
  carry(brand, AS_OF_PARAM, document.location);
  brand.append(el("strong", "", t(lang, "site")), el("span", "sub", t(lang, "siteSub")));
  const links = el("nav");
  links.setAttribute("aria-label", lang === "zh" ? "页面" : "Pages");
  for (const p of pages) {
    const a = el("a", "", t(lang, p.word)) as HTMLAnchorElement;
    a.setAttribute("href", relativeHref(here, `/${lang}${p.route}`));
    carry(a, AS_OF_PARAM, document.location);
    const active = p.route === "/" ? route === "/" : route.startsWith(p.route);
    if (active) a.setAttribute("aria-current", "page");
    links.append(a);
  }
  const switcher = el("a", "lang-switch", t(lang, "switchLang"));
  switcher.setAttribute("href", relativeHref(here, otherLangPath(here, lang)));
  switcher.setAttribute("lang", lang === "zh" ? "en" : "zh");
  carry(switcher, "all", document.location);
  links.append(switcher);
  // The links and the finder share the right-hand column: beside the brand's two lines, the finder
  // costs the page no row of its own (the overview's first screen holds all nine targets at 1280×800).
  const side = el("div", "ftz-nav-side");
  side.append(links);
  header.append(brand, side);
  if (finder) {
    side.append(Finder({ lang, here, load: () => finder.json() as Promise<FinderEntry[]>, document }));
    // A finder link to an item or a unit names its row by #hash: shown once the page has drawn it.
    revealHash(document);
  }
  if (sample) header.append(SampleBanner(lang, document));
  return header;
}

/** The banner on every page that shows sample data: figures made up to show the system. */
export function SampleBanner(lang: Lang, document: Document = globalThis.document): HTMLElement {
  const banner = document.createElement("p");
  banner.className = "sample-banner";
  banner.setAttribute("role", "note");
  banner.textContent = t(lang, "sampleBanner");
  return banner;
}
