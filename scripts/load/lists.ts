/**
 * The list pages' tRPC queries (what the worklist tabs, the patient list, the claims list, the denial
 * queue and the prior-auth worklist send), each with the filters and sorts a user clicks: the load
 * scripts cycle through the variants of an endpoint request by request.
 */
export interface ListEndpoint {
  name: string;
  procedure: string;
  variants: Record<string, unknown>[];
}

export interface ListIds {
  payerIds: string[];
  providerIds: string[];
  locationIds: string[];
}

export function listEndpoints(ids: ListIds): ListEndpoint[] {
  const payer = (i: number) => ids.payerIds[i % Math.max(1, ids.payerIds.length)];
  const page = { page: 1, pageSize: 25 };
  const worklist = (list: string, extra: Record<string, unknown>[]) => ({
    name: `worklist:${list}`,
    procedure: "worklists.list",
    variants: [{ ...page, list, sort: "date", dir: "asc" }, ...extra.map((e) => ({ ...page, list, ...e }))],
  });
  return [
    worklist("due", [
      { preset: "week", sort: "date", dir: "asc" },
      { sort: "patient", dir: "asc", payer: payer(0) },
      { sort: "date", dir: "asc", provider: ids.providerIds[0], page: 2 },
    ]),
    worklist("not_ready", [
      { sort: "daysLeft", dir: "asc" },
      { sort: "age", dir: "desc", payer: payer(1) },
      { sort: "charge", dir: "desc", assignee: "me" },
    ]),
    worklist("ready", [
      { sort: "daysLeft", dir: "asc" },
      { sort: "charge", dir: "desc", payer: payer(2) },
      { sort: "date", dir: "desc", location: ids.locationIds[0], pageSize: 50 },
      { sort: "patient", dir: "asc", assignee: "me" },
    ]),
    worklist("closed", [{ sort: "age", dir: "desc" }]),
    {
      name: "patients",
      procedure: "patients.list",
      variants: [
        { ...page, sort: "name", dir: "asc" },
        { ...page, sort: "mrn", dir: "desc" },
        { ...page, sort: "name", dir: "asc", q: "patient 12" },
        { ...page, sort: "created", dir: "desc", page: 3 },
      ],
    },
    {
      name: "claims",
      procedure: "claims.list",
      variants: [
        { ...page, sort: "updated", dir: "desc" },
        { ...page, sort: "dos", dir: "desc", status: "adjudicated" },
        { ...page, sort: "amount", dir: "desc", payer: payer(0), from: "2026-01-01", to: "2026-06-30" },
        { ...page, sort: "age", dir: "desc", status: "rejected" },
        { ...page, sort: "number", dir: "asc", age: "31-60" },
      ],
    },
    {
      name: "denials",
      procedure: "denials.list",
      variants: [
        { ...page, view: "todo", sort: "due", dir: "asc" },
        { ...page, view: "todo", sort: "amount", dir: "desc", category: "authorization" },
        { ...page, view: "waiting", sort: "age", dir: "desc", payerId: payer(3) },
        { ...page, view: "all", sort: "claim", dir: "asc", kind: "underpayment" },
      ],
    },
    {
      name: "prior-auths",
      procedure: "priorAuths.list",
      variants: [
        { ...page, view: "open", sort: "due", dir: "asc" },
        { ...page, view: "all", sort: "updated", dir: "desc", payerId: payer(0) },
      ],
    },
  ];
}
