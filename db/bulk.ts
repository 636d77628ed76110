import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/**
 * Many rows in one INSERT with one parameter per COLUMN: each column travels as one text array
 * (`{"a","b",NULL}`) and the server reads the rows back with `unnest($1::text[], $2::text[], …)`,
 * casting each value to its column's type. Building and sending thousands of placeholders costs more
 * client time than the insert itself (`db.insert(t).values(rows)` makes one per value), and rows as
 * one JSON document (`json_populate_recordset`, the previous way) cost the server ~70 µs a row to
 * take apart — several times the insert itself. Arrays of text are parsed at the speed of the
 * columns' input functions, carry no key names, and there is no parameter limit to chunk around.
 * Same on PostgreSQL and PGlite.
 *
 * Rows use the schema's property names, as `values()` does, and each value goes through its column's
 * own driver mapping first (jsonb → JSON text, timestamps → ISO strings, arrays → array literals), so
 * a row inserts exactly as through `values()` — except bytea, refused. A column no row gives takes its
 * default; a column some row gives and another does not is NULL in the latter (there is no per-row
 * DEFAULT), so that is refused for columns that have a default.
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
    if (c.getSQLType() === "bytea") throw new Error(`insertRows(${c.name}): bytea columns are not supported`);
  }
  const arrays = keys.map((k) => {
    const c = columns[k]!;
    return textArrayLiteral(rows.map((r) => {
      const v = (r as Record<string, unknown>)[k];
      return v === undefined || v === null ? null : asText(c.mapToDriverValue(v));
    }));
  });
  const list = sql.join(
    keys.map((k) => sql.identifier(columns[k]!.name)),
    sql`, `,
  );
  const casts = sql.join(
    keys.map((k, i) => sql`${sql.identifier(`c${i}`)}::${sql.raw(columns[k]!.getSQLType())}`),
    sql`, `,
  );
  const params = sql.join(
    arrays.map((a) => sql`${a}::text[]`),
    sql`, `,
  );
  const aliases = sql.join(
    keys.map((_, i) => sql.identifier(`c${i}`)),
    sql`, `,
  );
  const conflict = opts.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  const returning = opts.returning?.length
    ? sql` returning ${sql.join(
        opts.returning.map((k) => sql`${sql.identifier(columns[k]!.name)} as ${sql.identifier(k)}`),
        sql`, `,
      )}`
    : sql``;
  return sql`insert into ${table} (${list}) select ${casts} from unnest(${params}) as u(${aliases})${conflict}${returning}`;
}

/** A driver value as the text its column type's input function reads. */
function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

const NEEDS_ESCAPE = /[\\"]/;

/** `{"a","b",NULL}`: every element quoted (backslash and double quote escaped), nulls as NULL. */
export function textArrayLiteral(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ",";
    const v = values[i];
    if (v === null || v === undefined) out += "NULL";
    else out += `"${NEEDS_ESCAPE.test(v) ? v.replace(/[\\"]/g, "\\$&") : v}"`;
  }
  return out + "}";
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
  return sql`any(${textArrayLiteral(values)}::${sql.raw(type)}[])`;
}
