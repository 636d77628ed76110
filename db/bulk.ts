import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/**
 * Many rows in one INSERT whose rows travel as ONE json parameter, read back into the table's own row
 * type by the server (`json_populate_recordset(null::table, $1)`: each value through its column's input
 * function). Building and sending thousands of placeholders costs more client time than the insert
 * itself (`db.insert(t).values(rows)` makes one per value); this makes one per statement, so there is
 * no parameter limit to chunk around either. Same on PostgreSQL and PGlite.
 *
 * Rows use the schema's property names, as `values()` does. Values must survive JSON: strings,
 * numbers, booleans, null, Dates (ISO strings), arrays and objects (for array and json columns) — not
 * bytea. A column no row gives takes its default; a column some row gives and another does not is
 * NULL in the latter (there is no per-row DEFAULT), so that is refused for columns that have a default.
 */
export function insertRowsQuery<T extends PgTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
  opts: { onConflictDoNothing?: boolean; returning?: readonly (keyof T["$inferSelect"] & string)[] } = {},
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const given = (r: unknown, k: string) => (r as Record<string, unknown>)[k] !== undefined;
  const keys = Object.keys(columns).filter((k) => rows.some((r) => given(r, k)));
  for (const k of keys) {
    const c = columns[k]!;
    if ((c.hasDefault || c.defaultFn) && !rows.every((r) => given(r, k))) {
      throw new Error(`insertRows(${c.name}): some rows leave out a column that has a default; give it in every row`);
    }
  }
  const payload = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) o[columns[k]!.name] = (r as Record<string, unknown>)[k] ?? null;
    return o;
  });
  const list = sql.join(
    keys.map((k) => sql.identifier(columns[k]!.name)),
    sql`, `,
  );
  const conflict = opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const returning = opts.returning?.length
    ? sql` returning ${sql.join(
        opts.returning.map((k) => sql`${sql.identifier(columns[k]!.name)} as ${sql.identifier(k)}`),
        sql`, `,
      )}`
    : sql``;
  return sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(payload)}::json)${conflict}${returning}`;
}

/** Runs `insertRowsQuery`; returns the `returning` columns of the inserted rows (raw driver values). */
export async function insertRows<T extends PgTable, K extends keyof T["$inferSelect"] & string = never>(
  db: DbOrTx,
  table: T,
  rows: readonly T["$inferInsert"][],
  opts: { onConflictDoNothing?: boolean; returning?: readonly K[] } = {},
): Promise<Record<K, unknown>[]> {
  if (rows.length === 0) return [];
  const r = await db.execute(insertRowsQuery(table, rows, opts));
  return (Array.isArray(r) ? r : (r as unknown as { rows: Record<K, unknown>[] }).rows) as Record<K, unknown>[];
}

/**
 * `= any(…)` over a list sent as ONE array parameter (an array literal cast to `type[]`), instead of
 * one placeholder per value as `inArray` makes: `sql\`${claims.id} = ${anyOf(ids, "uuid")}\``.
 */
export function anyOf(values: readonly string[], type: "uuid" | "text"): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
  return sql`any(${literal}::${sql.raw(type)}[])`;
}
