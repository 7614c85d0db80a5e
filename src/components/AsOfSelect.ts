// The as-of control: statuses as they stood on a date. The dates are those the export computed
// (each quarter's end since the plan began, the deadlines, today); use with Framework's view(). The
// date chosen lives in the URL (?asof=…): a reload, a shared link or the nav keeps it (urlState.ts).

import { formatDate, t, type Lang } from "./i18n.js";
import { AS_OF_PARAM, setUrlParams, urlChoice } from "./urlState.js";

export function AsOfSelect(dates: string[], { lang, value, document = globalThis.document }: { lang: Lang; value: string; document?: Document }): HTMLElement & { value: string } {
  const label = document.createElement("label");
  label.className = "as-of-control";
  label.append(document.createTextNode(t(lang, "asOfLabel")));
  const select = document.createElement("select");
  select.name = "as-of";
  const initial = urlChoice(AS_OF_PARAM, dates, value, document.location);
  for (const d of [...dates].reverse()) {
    const option = document.createElement("option");
    option.value = d;
    option.textContent = formatDate(d, lang);
    if (d === initial) option.selected = true;
    select.append(option);
  }
  label.append(select);
  // Framework's view() reads .value and listens for "input" on the element it is given.
  Object.defineProperty(label, "value", { get: () => select.value });
  select.addEventListener("change", () => {
    setUrlParams({ [AS_OF_PARAM]: select.value }, document);
    label.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return label as unknown as HTMLElement & { value: string };
}
