// The indicator page's CSV download: every figure with what the page file holds about it — the entity
// (code and name), the period (key, kind, start, end), the value with its qualifier, the number and unit
// as written, the note, the source and where it was published, the sample flag and the file:line it came
// from. The same columns as the export's observations.csv (pipeline/export/layout.ts), plus the entity's
// name: a figure downloaded from the page says what the page shows beside it.

/** A row of an indicator's page file (pipeline/export/layout.ts observationRow). */
export interface PageObservation {
  entity: string;
  period: string;
  start: string;
  end: string;
  value: number | null;
  qualifier: string | null;
  written?: { value: number; unit: string };
  kind?: "stock";
  note: string;
  source: string;
  provenance?: { url: string | null; title: string | null; published: string | null; excerpt: string | null; reliability: string | null };
  sample: boolean;
  file: string;
  line: number;
}

export const observationDownloadHeader = [
  "indicator", "entity", "entity_name", "period", "start", "end", "period_kind", "value", "qualifier", "value_as_written", "unit_as_written",
  "note", "source", "source_url", "source_title", "published", "excerpt", "reliability", "sample", "file", "line",
];

/** observationDownload(id, observations, entityName) → the header and rows the page's CSV button saves. */
export function observationDownload(indicator: string, observations: PageObservation[], entityName: Map<string, string>): { header: string[]; rows: (string | number | null)[][] } {
  const rows = observations.map((o) => {
    const p = o.provenance;
    return [
      indicator, o.entity, entityName.get(o.entity) ?? o.entity, o.period, o.start, o.end, o.kind ?? "flow", o.value, o.qualifier,
      o.written?.value ?? null, o.written?.unit ?? null, o.note, o.source,
      p?.url ?? null, p?.title ?? null, p?.published ?? null, p?.excerpt ?? null, p?.reliability ?? null,
      o.sample ? "是 yes" : "否 no", o.file, o.line,
    ];
  });
  return { header: observationDownloadHeader, rows };
}
