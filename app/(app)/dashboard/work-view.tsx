import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { ROLE_LABELS } from "@/server/domain/auth/roles";
import type { Role } from "@/server/domain/auth/roles";

function Tile({ href, count, label, hint, testId }: { href: string; count: number; label: string; hint: string; testId: string }) {
  return (
    <Link href={href} data-testid={testId} className="flex flex-col gap-1 rounded-lg border bg-card p-4 shadow-xs hover:border-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
      <span className="text-sm font-medium text-muted-foreground">{label}</span>
      <span className="text-3xl font-semibold tabular-nums">{count.toLocaleString("en-US")}</span>
      <span className="text-xs text-muted-foreground">{hint}</span>
    </Link>
  );
}

/**
 * The dashboard of billers and PA coordinators: the size of their queues, each a link to the
 * worklist. They have no practice KPIs (report.read is managers' and admins'): their figures are
 * the work in front of them. Counts come from the worklists' own procedures.
 */
export async function WorkView({ user }: { user: { name: string; role: Role } }) {
  const caller = await serverCaller();
  const [unbilled, denials, pa] = await Promise.all([
    can(user.role, "claim.write") ? caller.claims.unbilled({ page: 1, pageSize: 10 }) : null,
    can(user.role, "denial.work") ? caller.denials.counts() : null,
    can(user.role, "priorAuth.write") ? caller.priorAuths.counts() : null,
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title="Dashboard" description={`Your work today · ${user.name}, ${ROLE_LABELS[user.role]}. The practice's figures are on the managers' dashboard.`} className="pb-0" />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="work-tiles">
        {unbilled ? <Tile href="/claims/unbilled" count={unbilled.total} label="Infusions to bill" hint="Ready for billing, no claim yet" testId="work-unbilled" /> : null}
        {denials ? <Tile href="/denials?view=todo" count={denials.todo} label="Denials to work" hint={`${denials.overdue} past the appeal window · ${denials.mine} assigned to you`} testId="work-denials" /> : null}
        {denials ? <Tile href="/denials?view=waiting" count={denials.waiting} label="Waiting on the payer" hint="Appealed, corrected or retro-auth requested" testId="work-waiting" /> : null}
        {pa ? <Tile href="/prior-auths" count={pa.toStart} label="Prior auths to start" hint={`${pa.overdue} overdue · ${pa.mine} assigned to you`} testId="work-pa-start" /> : null}
        {pa ? <Tile href="/prior-auths" count={pa.awaiting} label="Prior auths with the payer" hint="Submitted, waiting for a determination" testId="work-pa-awaiting" /> : null}
      </div>
    </div>
  );
}
