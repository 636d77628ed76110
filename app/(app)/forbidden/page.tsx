import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/server/auth/guards";
import { ROLE_LABELS } from "@/server/domain/auth/roles";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage() {
  const user = await requireUser();
  return (
    <div className="space-y-6">
      <PageHeader title="Not allowed" />
      <EmptyState
        icon={ShieldAlert}
        title="You don't have access to this page"
        description={`Your role (${ROLE_LABELS[user.role]}) does not include it. Ask a practice administrator if you need access.`}
        action={
          <Button asChild variant="outline">
            <Link href="/dashboard">Back to the dashboard</Link>
          </Button>
        }
      />
    </div>
  );
}
