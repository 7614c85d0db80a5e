// Which pages show a figure that comes from sample rows (sample.json). The banner "样例数据" belongs on a
// page only when one of its figures is sample: once an indicator has real counted rows its sample rows
// step aside (status/series.ts stepAside), and its figures — and the pages that show only such
// figures — must never look sample. Each figure still carries its own `sample` flag in its own file
// (series points, target components, board rows, freshness entities); this file answers, per page,
// "does any of them say sample?", so a page knows before it has drawn anything. Pure: both exports
// (index.ts from records, warehouse.ts from SQL) give it the same boards and get the same bytes.

import type { Registry } from "../registry/types.ts";
import type { Freshness } from "./freshness.ts";

/** The routes of the site's pages that show figures, as Nav names them. */
export const sampleRoutes = ["/", "/indicators/", "/parks", "/items", "/units", "/lists", "/briefing", "/data"] as const;
export type SampleRoute = (typeof sampleRoutes)[number];

export interface SamplePages {
  /** Per page: a figure on it comes from sample rows (at some as-of date the page offers). */
  pages: Record<SampleRoute, boolean>;
  /** Per indicator page: its series, statuses or rows that count come from sample rows. */
  indicators: Record<string, boolean>;
}

export interface SampleInput {
  registry: Registry;
  /** Indicators with a counted row (a value, not a projection) from sample data, after sample rows stepped aside. */
  countedSample: Set<string>;
  /** Each as-of date's targets: the indicator and whether sample rows went into its judgement. */
  targets: { indicator: string; components: { sample: boolean } }[][];
  /** The zone series each target indicator's charts draw (series-targets.json), points flagged. */
  zone: Record<string, { zone: { sample: boolean }[] }>;
  parks: { indicators: { rows: { sample: boolean }[] }[] }[];
  items: { rows: { sample: boolean }[] }[];
  tasks: { rows: { sample: boolean }[] }[];
  freshness: Freshness[];
  /** briefing.json's own `sample`: any figure in the briefing is sample. */
  briefing: boolean;
}

export function samplePages(x: SampleInput): SamplePages {
  const targetSample = new Set<string>();
  for (const date of x.targets) for (const t of date) if (t.components.sample) targetSample.add(t.indicator);
  const indicators = Object.fromEntries(
    x.registry.indicators.map((i) => [i.id, x.countedSample.has(i.id) || targetSample.has(i.id) || (x.zone[i.id]?.zone.some((p) => p.sample) ?? false)]),
  );
  const anyRow = (boards: { rows: { sample: boolean }[] }[]) => boards.some((b) => b.rows.some((r) => r.sample));
  const targetIndicators = x.registry.indicators.filter((i) => i.targets.length);
  const itemShare = x.registry.indicators.filter((i) => i.derivedFrom === "reform_items");
  const freshSample = x.freshness.some((f) => f.entities.some((e) => e.sample));
  return {
    pages: {
      // Target cards, the status strip and the targets' charts.
      "/": targetIndicators.some((i) => indicators[i.id]),
      // Each indicator's status and latest period.
      "/indicators/": targetSample.size > 0 || freshSample,
      // The parks' boards and series.
      "/parks": x.parks.some((b) => b.indicators.some((i) => i.rows.some((r) => r.sample))) || x.registry.indicators.some((i) => i.level === "park" && indicators[i.id]),
      // The items' board and the share of items replicated.
      "/items": anyRow(x.items) || itemShare.some((i) => indicators[i.id]),
      // The units' counts of items and tasks.
      "/units": anyRow(x.items) || anyRow(x.tasks),
      "/lists": anyRow(x.tasks),
      "/briefing": x.briefing,
      // Who reported last: the downloads say for themselves that they hold every stored row, sample ones too.
      "/data": freshSample,
    },
    indicators,
  };
}
