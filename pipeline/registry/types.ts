// The plan as data: what the reference tables and the indicator registry become once read. Plain,
// JSON-serialisable objects, so the export can hand the very same registry to the browser checker.

export interface Names {
  zh: string;
  en: string;
}

/** Kinds of entity an analyst's file may name. */
export type EntityType = "park" | "area" | "industry" | "unit" | "peer" | "milestone" | "list" | "other";

/**
 * The level an entity's figures are at, widest first: a figure is compared only with figures of its
 * own level. Parks are at "park", the linked innovation zones (this one and its peers) at "zone", and
 * the entities of entities.csv at the level their row gives.
 */
export const entityLevels = ["city", "district", "zone", "park", "sub_park"] as const;
export type EntityLevel = (typeof entityLevels)[number];

/** How pages and messages name each level. */
export const levelNames: Record<EntityLevel, Names> = {
  city: { zh: "市级", en: "city" },
  district: { zh: "区县级", en: "district" },
  zone: { zh: "联动创新区（园区整体）级", en: "zone" },
  park: { zh: "园区级", en: "park" },
  sub_park: { zh: "园区以下（片区、项目）级", en: "sub-park (a part of a park, a project)" },
};

/** What sort of thing an entity of entities.csv is. */
export const entityKinds = ["city", "district", "ftz", "zone", "sub_unit", "project", "sum"] as const;

export interface Entity {
  type: EntityType;
  code: string;
  name: Names;
  aliases: string[];
  clause: string;
  /** Columns particular to a table: a milestone's target, an area's park, a peer's batch. */
  attrs: Record<string, string>;
}

export const itemCategories = [
  "customs",
  "market_regulation",
  "finance",
  "trade_in_services",
  "tax",
  "port_logistics",
  "other",
] as const;
export type ItemCategory = (typeof itemCategories)[number];

export interface ReformItem {
  no: number;
  title: string; // as printed in the annex (Chinese only)
  short: Names;
  category: ItemCategory;
  units: string[]; // unit codes, in the annex's order
  clause: string;
}

export const indicatorKinds = ["count", "cumulative", "amount", "share", "rank", "milestone"] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];
export const indicatorLevels = ["zone", "park", "peer", "milestone", "district", "city"] as const;
export type IndicatorLevel = (typeof indicatorLevels)[number];
export const comparators = [">=", "<=", "=", "all_done", "rank_at_most", "qualitative"] as const;
export type Comparator = (typeof comparators)[number];

export interface Target {
  id: string; // T23-1 …
  indicator: string;
  deadline: string; // ISO date
  comparator: Comparator;
  /** The number to reach; null where the plan gives none (all_done, qualitative). */
  value: number | null;
  /** When the value is a setting rather than the plan's own figure, the setting's name. */
  valueSetting: string | null;
  perEntity: Record<string, number>;
  clause: string;
  quote: Names;
}

export interface Indicator {
  id: string;
  name: Names;
  description: Names;
  unit: Names;
  kind: IndicatorKind;
  aggregation: "sum" | "none";
  direction: "increase" | "decrease";
  level: IndicatorLevel;
  /** The entity levels it holds values for: its own level's, and any the registry adds (levels:). */
  levels: EntityLevel[];
  derivedFrom: "reform_items" | null;
  /** The plan's clause; "" for a context figure with no target, which the plan need not mention. */
  clause: string;
  /** Where a context figure's definition comes from (a statistical bulletin, say); "" when not given. */
  source: string;
  min: number | null;
  max: number | null;
  targets: Target[];
}

export interface Setting {
  value: number;
  zh: string;
  en: string;
}

export interface Settings {
  planStart: string;
  statusThresholds: { onTrack: number; lagging: number };
  trendThresholds: { substantial: number; moderate: number; limited: number };
  /** Named settings that targets may take their value from (e.g. front_rank). */
  named: Record<string, Setting>;
}

export interface Registry {
  settings: Settings;
  indicators: Indicator[];
  entities: Entity[];
  items: ReformItem[];
  /** The code of the peer zone that is this zone itself (is_self). */
  selfZone: string;
}
