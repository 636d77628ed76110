/**
 * Reads sent as named prepared statements (issue 13, docs/benchmarks.md "Session 13: prepared
 * statements, a vacuumed seed and larger semi-spaces"), built once per database handle (`preparedOnce`).
 *
 * drizzle sends every statement unnamed, and postgres.js then takes two round trips for each one with
 * parameters (Parse and Describe, then Bind and Execute), and PostgreSQL parses, analyses and plans it
 * at every request. A statement run through `preparedOnce` is kept by the connection (postgres.js keys it
 * by its text and parameter types): from its second run on it is one round trip, no parse, and after
 * five runs PostgreSQL may keep a generic plan when its estimated cost is no worse than the custom
 * plans' (plan_cache_mode = auto).
 *
 * Only for statements whose text comes from a bounded set of shapes: a connection keeps every
 * statement it prepared until it closes. So never a variable-length `in (…)` list (use `= any(array)`),
 * never text built from user input. The name is for the reader of the code and for drizzle's API;
 * postgres.js names the statement itself. On PGlite the name changes nothing (one in-process
 * connection, no round trips).
 *
 * Connection poolers: PgBouncer in transaction mode must have `max_prepared_statements` set (1.21 and
 * later track protocol-level prepared statements); docs/architecture.md "Running at scale".
 */

const builtStatements = new WeakMap<object, Map<string, unknown>>();

/**
 * A named prepared statement built once per database handle (or transaction) and run again with new
 * values: `build` makes the query with `sql.placeholder(…)` for every value that changes between runs
 * and calls `.prepare(name)`; each call passes the values to `execute`. drizzle otherwise builds the
 * statement's text again at every request (its selection, joins and conditions walked object by
 * object): a CPU profile of a worklist under load showed ~9 % of the app's busy time in drizzle
 * building statements, the eleven-join details the largest (docs/benchmarks.md, "Session 14").
 *
 * `build` must not read anything of the request: only placeholders carry values, and the first
 * build is what every later run of `name` on that handle sends. `name` is unique per statement.
 */
export function preparedOnce<Q>(db: object, name: string, build: () => Q): Q {
  let statements = builtStatements.get(db);
  if (!statements) builtStatements.set(db, (statements = new Map()));
  let q = statements.get(name) as Q | undefined;
  if (!q) statements.set(name, (q = build()));
  return q;
}
