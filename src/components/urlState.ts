// Views that can be shared: a page's as-of date and filters live in its URL's query
// (?asof=2025-06-30&indicator=…&from=…&to=…), so a reload or a copied link shows the same view, and the
// nav and the language switch carry them: the switch keeps the whole query (the same page), the nav
// links keep the as-of only (another page's filters mean nothing there). history.replaceState: a
// change of filter is not a step the back button should replay.

/** The query parameter of the as-of date, on every page that has one. */
export const AS_OF_PARAM = "asof";

/** Links whose query follows the page's: "all" (the language switch) or a parameter's name ("asof"). */
const CARRY = "data-carry-query";

export function urlParam(name: string, location: Location = globalThis.location): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** The URL's value of `name` when it is one of `allowed`, else `fallback`: a stale or mistyped link falls back. */
export function urlChoice<T extends string>(name: string, allowed: readonly T[], fallback: T, location: Location = globalThis.location): T {
  const v = urlParam(name, location);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** Sets (or, with null, removes) parameters of the page's URL, then brings the carrying links up to date. */
export function setUrlParams(params: Record<string, string | null>, document: Document = globalThis.document): void {
  const url = new URL(document.location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  document.defaultView?.history.replaceState(document.defaultView.history.state, "", url.href);
  carryQuery(document);
}

/** The href a carrying link has under the query `search`: its own, with all of the query or one parameter. */
function carriedHref(base: string, what: string, search: string): string {
  const here = new URLSearchParams(search);
  const query = what === "all" ? here : new URLSearchParams(here.has(what) ? [[what, here.get(what)!]] : []);
  const q = query.toString();
  return q ? `${base}?${q}` : base;
}

/** Marks a link to carry the page's query ("all" of it, or one parameter), and gives it the query now. */
export function carry(a: Element, what: "all" | string, location: Location = globalThis.location): void {
  const base = a.getAttribute("href") ?? "";
  a.setAttribute(CARRY, what);
  a.setAttribute("data-href", base);
  a.setAttribute("href", carriedHref(base, what, location.search));
}

/** Gives every carrying link the part of the page's query it carries (its own href otherwise unchanged). */
export function carryQuery(document: Document = globalThis.document): void {
  for (const a of document.querySelectorAll(`a[${CARRY}]`)) {
    a.setAttribute("href", carriedHref(a.getAttribute("data-href") ?? "", a.getAttribute(CARRY)!, document.location.search));
  }
}

/**
 * keepInUrl(input, toParams): the input's value written to the URL whenever it changes (Framework's
 * inputs fire "input"). Returns the input, for view(keepInUrl(...)).
 */
export function keepInUrl<E extends EventTarget & { value: unknown }>(input: E, toParams: (value: E["value"]) => Record<string, string | null>, document: Document = globalThis.document): E {
  input.addEventListener("input", () => setUrlParams(toParams(input.value), document));
  return input;
}
