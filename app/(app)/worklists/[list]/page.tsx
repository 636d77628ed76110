import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ReadinessRecheckNotice } from "@/components/worklists/readiness-recheck-notice";
import { WorklistTable } from "@/components/worklists/worklist-table";
import { WorklistTabs } from "@/components/worklists/worklist-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { WORKLIST_TITLES, worklistOfSlug } from "@/server/api/routers/worklists/schemas";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export async function generateMetadata({ params }: { params: Promise<{ list: string }> }) {
  const list = worklistOfSlug((await params).list);
  return { title: list ? `Worklist: ${WORKLIST_TITLES[list].title}` : "Worklists" };
}

export default async function WorklistPage({ params }: { params: Promise<{ list: string }> }) {
  const me = await requirePermission("administration.read");
  const list = worklistOfSlug((await params).list);
  if (!list) notFound();
  const caller = await serverCaller();
  const [options, counts] = await Promise.all([caller.worklists.filterOptions(), caller.worklists.counts()]);
  return (
    <div className="space-y-4">
      <PageHeader title="Worklists" description={WORKLIST_TITLES[list].description} />
      <ReadinessRecheckNotice />
      <WorklistTabs current={list} counts={counts} />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <WorklistTable key={list} list={list} options={options} canAssign={can(me.role, "administration.document")} />
      </Suspense>
    </div>
  );
}
