// Names → entities and indicators. Files may use a code, the Chinese or English name or an alias;
// matching ignores case, full-width forms and surrounding spaces.

import { halfWidth } from "../normalise/text.ts";
import type { Entity, EntityType, Indicator, Registry } from "./types.ts";

export interface Lookup {
  indicator(text: string): Indicator | undefined;
  entity(types: readonly EntityType[], text: string): Entity | undefined;
  entitiesOf(type: EntityType): Entity[];
}

const cache = new WeakMap<Registry, Lookup>();

export const key = (text: string) => halfWidth(text).toLowerCase().replace(/\s+/g, " ");

export function lookup(registry: Registry): Lookup {
  let l = cache.get(registry);
  if (l) return l;
  const indicators = new Map<string, Indicator>();
  for (const i of registry.indicators) for (const n of [i.id, i.name.zh, i.name.en]) indicators.set(key(n), i);
  const byType = new Map<EntityType, Map<string, Entity>>();
  for (const e of registry.entities) {
    let m = byType.get(e.type);
    if (!m) byType.set(e.type, (m = new Map()));
    for (const n of [e.code, e.name.zh, e.name.en, ...e.aliases]) if (n) m.set(key(n), e);
  }
  // Files repeat the same few names on every row: remember each raw text's normalised key.
  const keys = new Map<string, string>();
  const keyOf = (text: string) => {
    let k = keys.get(text);
    if (k === undefined) {
      if (keys.size > 100_000) keys.clear();
      keys.set(text, (k = key(text)));
    }
    return k;
  };
  l = {
    indicator: (text) => indicators.get(keyOf(text)),
    entity: (types, text) => {
      const k = keyOf(text);
      for (const t of types) {
        const e = byType.get(t)?.get(k);
        if (e) return e;
      }
      return undefined;
    },
    entitiesOf: (type) => registry.entities.filter((e) => e.type === type),
  };
  cache.set(registry, l);
  return l;
}
