import { Plus } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { ClaimsAreaTabs } from "@/components/claims/claims-area-tabs";
import { ClaimsList } from "@/components/claims/claims-list";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Claims" };

export default async function ClaimsPage() {
  const me = await requirePermission("claim.read");
  const options = await (await serverCaller()).claims.filterOptions();
  return (
    <div className="space-y-3">
      <PageHeader
        title="Claims"
        description="Every claim by status, payer, service date, age and charge."
        className="pb-2"
        actions={
          can(me.role, "claim.write") ? (
            <Button asChild>
              <Link href="/claims/unbilled">
                <Plus aria-hidden /> Build a claim
              </Link>
            </Button>
          ) : null
        }
      />
      <ClaimsAreaTabs current="claims" />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <ClaimsList options={options} />
      </Suspense>
    </div>
  );
}
