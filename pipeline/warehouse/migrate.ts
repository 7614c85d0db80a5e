// A warehouse made by an earlier release is carried forward, never dropped: its history (every
// revision, every closed row) is the record the office reports from. Each step below turns one
// schema version into the next, in SQL, and all the steps a warehouse needs run in one transaction
// with the new version number — a failed or killed migration leaves the warehouse as it was.
//
// To change the schema: add the change to schema.ts (new columns last, as ALTER TABLE puts them),
// add a step here, and a fixture warehouse of the previous version to tests/fixtures/warehouse-v<N>/
// (tests/warehouse/migrate.test.ts migrates every fixture there).

import type { DuckDBConnection } from "@duckdb/node-api";
import { CommandError } from "../errors.ts";
import { transaction } from "./db.ts";

interface Migration {
  from: string;
  to: string;
  /** What the new version adds, for the reader of this file. */
  why: string;
  steps: string[];
}

export const migrations: Migration[] = [
  {
    from: "1",
    to: "2",
    why:
      "where a published figure was published: link, title, date, the quoted sentence, the source's reliability (all NULL for rows loaded before); " +
      "qualifiers kept as written (超, 余, 约 …) instead of a code: a row loaded before gets the word its code was shown with (over → 余), and `ftz rebuild` reads the words from the kept files",
    steps: [
      // An ALTER, not an UPDATE: DuckDB refuses to commit an UPDATE and an ALTER of one table together.
      `ALTER TABLE observations ALTER qualifier SET DATA TYPE VARCHAR USING CASE qualifier WHEN 'approx' THEN '约' WHEN 'nearly' THEN '近'
         WHEN 'over' THEN '余' WHEN 'at_least' THEN '≥' WHEN 'under' THEN '不足' WHEN 'at_most' THEN '≤' ELSE qualifier END`,
      "ALTER TABLE observations ADD COLUMN source_url VARCHAR",
      "ALTER TABLE observations ADD COLUMN source_title VARCHAR",
      "ALTER TABLE observations ADD COLUMN published DATE",
      "ALTER TABLE observations ADD COLUMN excerpt VARCHAR",
      "ALTER TABLE observations ADD COLUMN reliability VARCHAR",
    ],
  },
  {
    from: "2",
    to: "3",
    why:
      "whether each figure is a flow over its period or a stock at its end (a row loaded before gets its granularity's: a single date is a stock, any other period a flow), " +
      "and the number and unit as written beside a value converted from another unit (NULL for rows loaded before, which had none)",
    steps: [
      "ALTER TABLE observations ADD COLUMN period_kind VARCHAR",
      // Set through the column's type change, not an UPDATE (see 1 → 2): DuckDB commits that with the ALTERs.
      "ALTER TABLE observations ALTER period_kind SET DATA TYPE VARCHAR USING CASE WHEN granularity IN ('day', 'asof') THEN 'stock' ELSE 'flow' END",
      "ALTER TABLE observations ADD COLUMN written_value DOUBLE",
      "ALTER TABLE observations ADD COLUMN written_unit VARCHAR",
    ],
  },
  {
    from: "3",
    to: "4",
    why: "the sheet of a workbook each row was read from, so a stored row is located as its problems were (file.xlsx[Sheet]:4:C); NULL for rows loaded before, which came from CSV files",
    steps: ["observations", "item_statuses", "tasks", "task_statuses"].map((table) => `ALTER TABLE ${table} ADD COLUMN sheet VARCHAR`),
  },
];

/** The last version the steps lead to: schema.ts's schemaVersion (a test holds them together). */
export const latestVersion = migrations.at(-1)!.to;

/** migrationsFrom(version): the steps from `version` to the latest, in order; undefined when no path leads from it. */
export function migrationsFrom(version: string): Migration[] | undefined {
  const path: Migration[] = [];
  for (let v = version; v !== latestVersion; ) {
    const next = migrations.find((m) => m.from === v);
    if (!next) return undefined;
    path.push(next);
    v = next.to;
  }
  return path;
}

/** The steps from `from`, or the one line (exit 4) that says why there are none and what to do. */
export function migrationPath(from: string): Migration[] {
  const path = migrationsFrom(from);
  if (path) return path;
  const newer = Number(from) > Number(latestVersion);
  throw new CommandError(
    newer
      ? `数据仓库的结构版本为 ${from}，由更新版本的 ftz 建立；本程序只认识到版本 ${latestVersion}，请使用更新的 ftz / the warehouse's schema is version ${from}, made by a newer ftz; this one knows versions up to ${latestVersion}: use the newer ftz`
      : `数据仓库的结构版本 ${from} 无法升级到 ${latestVersion}，请用 ftz rebuild 由保存的文件重建 / the warehouse's schema version ${from} has no migration to ${latestVersion}: run ftz rebuild to build it anew from the kept files`,
    4,
  );
}

/**
 * migrate(c, from) brings a warehouse of schema `from` to the latest, in one transaction. A warehouse
 * of a later schema (made by a newer ftz) or of one no step starts from is refused with a line that
 * says what to do, and nothing is changed.
 */
export async function migrate(c: DuckDBConnection, from: string): Promise<void> {
  const path = migrationPath(from);
  await transaction(c, async () => {
    for (const m of path) for (const sql of m.steps) await c.run(sql);
    await c.run("UPDATE meta SET value = $v WHERE key = 'schema_version'", { v: latestVersion });
  });
  // The new layout on disk now, not at some later load: the WAL of a migration is not left to replay.
  await c.run("CHECKPOINT");
}
