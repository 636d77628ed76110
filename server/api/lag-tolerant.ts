/**
 * The tRPC queries that may be answered by the read replica (DATABASE_READ_URL): list pages, their
 * counts and filter choices, and the dashboards — reads that tolerate a second of lag. CSV exports call
 * the same list procedures, so their pages follow. Never a procedure that writes (a replica refuses
 * writes): detail reads (`phiProcedure`) write the access log, and so does the header's patient search.
 * `tests/integration/read-routing.test.ts` calls every path here on a read-only connection.
 *
 * Which database answers is decided per request by db/replica.ts (read-your-writes, lag bound).
 */
export const LAG_TOLERANT_QUERIES: ReadonlySet<string> = new Set([
  "worklists.list",
  "worklists.counts",
  "worklists.filterOptions",
  "claims.list",
  "claims.filterOptions",
  "claims.unbilled",
  "claims.deadlines",
  "claims.batches.list",
  "claims.acknowledgments.list",
  "denials.list",
  "denials.counts",
  "orders.list",
  "patients.list",
  "priorAuths.list",
  "priorAuths.counts",
  "priorAuths.alerts",
  "remittances.files",
  "remittances.payments",
  "remittances.queue",
  "audit.list",
  "audit.access",
  "dashboards.figures",
  "dashboards.trend",
  "dashboards.breakdown",
  "dashboards.aging",
  "dashboards.denialCategories",
  "dashboards.rows",
  "dashboards.authTurnaround",
  "dashboards.filterOptions",
]);
