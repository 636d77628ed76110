import { Suspense } from "react";
import { NewRequestDialog } from "@/components/prior-auths/new-request-dialog";
import { PriorAuthsList } from "@/components/prior-auths/prior-auths-list";
import { WorklistAlertsCard } from "@/components/prior-auths/worklist-alerts-card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Prior authorizations" };

/** The coordinator's queue: authorization alerts, then every request by status, due date and payer. */
export default async function PriorAuthsPage() {
  const me = await requirePermission("priorAuth.read");
  const payers = await (await serverCaller()).payers.list({});
  const canWrite = can(me.role, "priorAuth.write");
  return (
    <div className="space-y-3">
      <PageHeader
        title="Prior authorizations"
        description="Requests to work, decisions and the authorizations in force, in J9173 units."
        className="pb-2"
        actions={canWrite ? <NewRequestDialog /> : null}
      />
      <WorklistAlertsCard />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <PriorAuthsList payers={payers.map((p) => ({ id: p.id, name: p.name }))} canWrite={canWrite} today={new Date().toISOString().slice(0, 10)} />
      </Suspense>
    </div>
  );
}
