import { Suspense } from "react";
import { PaymentsList } from "@/components/remittances/payments-list";
import { RemittanceFiles } from "@/components/remittances/remittance-files";
import { RemittanceTabs } from "@/components/remittances/remittance-tabs";
import { RemittanceUpload } from "@/components/remittances/remittance-upload";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { queuedCount } from "./load";

export const metadata = { title: "Remittances" };

export default async function RemittancesPage() {
  const me = await requirePermission("remittance.read");
  const canPost = can(me.role, "remittance.post");
  return (
    <div className="space-y-4">
      <PageHeader title="Remittances" description="835 files from payers, posted to claims by a background job; every payment, claim and adjustment in words." />
      <RemittanceTabs current="/remittances" queued={await queuedCount()} />
      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Files</CardTitle>
          <CardDescription>Posting runs in the background; the progress stays here if you leave or reload the page.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {canPost ? <RemittanceUpload /> : null}
          <RemittanceFiles canPost={canPost} />
        </CardContent>
      </Card>
      <h2 className="pt-2 text-lg font-semibold">Payments</h2>
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <PaymentsList />
      </Suspense>
    </div>
  );
}
