// What the finder on every page can jump to: each indicator, reform item, responsible unit and park,
// with the words it is found by and where its page is. Written once per build by the export
// (finder.json), read by the page when the reader first uses the finder: never fetched per keystroke.
// Pure, no Node-only module: the browser runs the matching on these entries (match.ts).

import type { Names, Registry } from "../registry/types.ts";
import { currentName } from "../registry/names.ts";

export type FinderKind = "indicator" | "item" | "unit" | "park";

/** The order kinds are listed in when their matches are equally good. */
export const finderKinds: readonly FinderKind[] = ["indicator", "item", "unit", "park"];

export interface FinderEntry {
  kind: FinderKind;
  /** The indicator's id, the item's number, the unit's or the park's code. */
  code: string;
  /** The name shown in the list (an item: its short name; its annex title is among `also`). */
  name: Names;
  /** Other words it is found by: aliases, an item's full title, an indicator's target codes (T23-1). */
  also: string[];
  /** Its place inside a language: "/indicators/<id>", "/items#item-19", "/units#unit-<code>", "/parks?park=<code>". */
  path: string;
}

/** The id of an item's row on the items page and of a unit's section on the units page: what a finder link's #hash names. */
export const itemAnchor = (no: number | string) => `item-${no}`;
export const unitAnchor = (code: string) => `unit-${code}`;
/** The parks page's query parameter of the park highlighted in every chart. */
export const PARK_PARAM = "park";

/** finderEntries(registry): every indicator, item, unit and park, in that order, each in its registry order. */
export function finderEntries(registry: Registry): FinderEntry[] {
  const entities = (type: "unit" | "park") => registry.entities.filter((e) => e.type === type);
  return [
    ...registry.indicators.map((i) => ({ kind: "indicator" as const, code: i.id, name: i.name, also: i.targets.map((t) => t.id), path: `/indicators/${i.id}` })),
    ...registry.items.map((i) => ({ kind: "item" as const, code: String(i.no), name: i.short, also: [i.title], path: `/items#${itemAnchor(i.no)}` })),
    // A renamed unit is listed by today's name and found by the plan's too.
    ...entities("unit").map((u) => {
      const now = currentName(u);
      return { kind: "unit" as const, code: u.code, name: now ?? u.name, also: now ? [u.name.zh, u.name.en, ...u.aliases] : u.aliases, path: `/units#${unitAnchor(u.code)}` };
    }),
    ...entities("park").map((p) => ({ kind: "park" as const, code: p.code, name: p.name, also: p.aliases, path: `/parks?${PARK_PARAM}=${encodeURIComponent(p.code)}` })),
  ];
}
