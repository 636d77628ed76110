/**
 * Where the list pages' database time goes: every SQL statement each list endpoint sends for a page
 * (the variants of scripts/load/lists.ts), run under EXPLAIN (ANALYZE, BUFFERS), planning and
 * execution time summed per page (median of --runs, default 5), plus the wall time of the query
 * function itself. No HTTP, no app: a direct look at the queries, on a database kept by
 * `npm run bench:api -- --keep` (or any database holding the bench practice).
 *
 * Usage: npm run bench:lists -- --database NAME [--runs 5] [--only worklist:ready,claims] [--plans]
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { benchServerUrl } from "./bench/bench-practice";
import { listEndpoints } from "./load/lists";
import { getWorklistPage, worklistCounts, type WorklistParams } from "@/server/queries/worklists";
import { listClaimsWithCounts, type ClaimListParams } from "@/server/queries/claims";
import { listPatients, type PatientListParams } from "@/server/queries/patients";
import { listWorkItems, workItemCounts, type DenialListFilter } from "@/server/queries/denials";
import { listRequests, type PaListFilter } from "@/server/queries/prior-auths";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const name = arg("database");
  if (!name) throw new Error("--database NAME (a database kept by bench:api --keep)");
  const runs = Number(arg("runs") ?? 5);
  const only = arg("only")?.split(",");
  const plans = process.argv.includes("--plans");
  const url = new URL(benchServerUrl());
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const captured: { query: string; params: unknown[] }[] = [];
  const db = drizzle(client, { schema, logger: { logQuery: (query, params) => void captured.push({ query, params }) } }) as unknown as Db;
  try {
    const [m] = await client`select practice_id, setup from dashbench_meta`;
    const practiceId = m!.practice_id as string;
    const setup = m!.setup as PracticeSetupIds;
    const [u] = await client`select id from users where practice_id = ${practiceId} and role = 'biller' order by email limit 1`;
    const userId = u!.id as string;
    const [{ n }] = (await client`select count(*)::int as n from administrations where practice_id = ${practiceId}`) as unknown as [{ n: number }];
    const [{ load }] = (await client`select 1 as load`) as unknown as [{ load: number }];
    void load;
    const today = new Date().toISOString().slice(0, 10);
    const endpoints = listEndpoints({ payerIds: Object.values(setup.payers), providerIds: Object.values(setup.providers), locationIds: Object.values(setup.locations) }).filter((e) => !only || only.includes(e.name));
    const call = (procedure: string, v: Record<string, unknown>): Promise<unknown> => {
      const me = (x: Record<string, unknown>) => (x.assignee === "me" ? { ...x, assignee: userId } : x);
      switch (procedure) {
        case "worklists.list":
          return getWorklistPage(db, practiceId, me(v) as unknown as WorklistParams, today);
        case "patients.list":
          return listPatients(db, practiceId, v as unknown as PatientListParams, today);
        case "claims.list":
          return listClaimsWithCounts(db, practiceId, v as unknown as ClaimListParams, today);
        case "denials.list":
          return listWorkItems(db, practiceId, userId, v as unknown as DenialListFilter, today);
        case "priorAuths.list":
          return listRequests(db, practiceId, userId, v as unknown as PaListFilter, today);
        default:
          throw new Error(procedure);
      }
    };
    console.log(`bench:lists — ${name}, ${n.toLocaleString("en-US")} administrations, median of ${runs}, load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")}`);
    console.log(`${"endpoint".padEnd(20)} ${"variant".padEnd(70)} stmts  plan ms  exec ms  wall ms`);
    const extra: [string, () => Promise<unknown>][] = [
      ["worklists.counts", () => worklistCounts(db, practiceId, today)],
      ["denials.counts", () => workItemCounts(db, practiceId, userId, today)],
    ];
    const cases: [string, string, () => Promise<unknown>][] = [
      ...endpoints.flatMap((e) => e.variants.map((v) => [e.name, JSON.stringify(v).replace(/"(page|pageSize)":\d+,?/g, ""), () => call(e.procedure, v)] as [string, string, () => Promise<unknown>])),
      ...extra.filter(([k]) => !only || only.includes(k)).map(([k, f]) => [k, "", f] as [string, string, () => Promise<unknown>]),
    ];
    for (const [ename, label, f] of cases) {
      await f(); // warm
      const wall: number[] = [];
      const plan: number[] = [];
      const exec: number[] = [];
      let stmts = 0;
      for (let i = 0; i < runs; i++) {
        captured.length = 0;
        const t = performance.now();
        await f();
        wall.push(performance.now() - t);
        const qs = [...captured];
        stmts = qs.length;
        let p = 0;
        let e = 0;
        for (const q of qs) {
          const [row] = await client.unsafe(`explain (analyze, buffers, format json) ${q.query}`, q.params as never[]);
          const j = (row as Record<string, unknown>)["QUERY PLAN"] as { "Planning Time": number; "Execution Time": number; Plan: unknown }[];
          p += j[0]!["Planning Time"];
          e += j[0]!["Execution Time"];
          if (plans && i === runs - 1) {
            const [txt] = [await client.unsafe(`explain (analyze, buffers) ${q.query}`, q.params as never[])];
            console.log(`--- ${ename} ${label}\n${q.query}\n${txt.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n")}`);
          }
        }
        plan.push(p);
        exec.push(e);
      }
      console.log(`${ename.padEnd(20)} ${label.slice(0, 70).padEnd(70)} ${String(stmts).padStart(5)} ${median(plan).toFixed(1).padStart(8)} ${median(exec).toFixed(1).padStart(8)} ${median(wall).toFixed(1).padStart(8)}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
