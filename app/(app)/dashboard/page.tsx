import { BarChart3 } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { ROLE_LABELS } from "@/server/domain/auth/roles";

export const metadata = { title: "Dashboard" };

const KPIS = [
  {
    name: "Clean claim rate",
    how: "Claims passing every edit with no manual touch ÷ claims released for billing.",
  },
  {
    name: "Initial denial rate",
    how: "Initially denied claims ÷ claims submitted (3-month average denominator).",
  },
  { name: "Days in A/R", how: "Outstanding receivables ÷ average daily charges." },
  { name: "Prior-auth turnaround", how: "Days from request to payer decision, by payer." },
];

export default async function DashboardPage() {
  const user = await requirePermission("dashboard.read");
  return (
    <div className="space-y-6">
      <PageHeader title="Dashboard" description={`Signed in as ${user.name} · ${ROLE_LABELS[user.role]}`} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {KPIS.map((k) => (
          <Card key={k.name}>
            <CardHeader>
              <CardTitle asHeading="h2">{k.name}</CardTitle>
              <CardDescription>{k.how}</CardDescription>
            </CardHeader>
            <CardContent>
              <p
                className="text-2xl font-semibold text-muted-foreground"
                aria-label={`${k.name}: no data yet`}
              >
                —
              </p>
            </CardContent>
          </Card>
        ))}
      </div>
      <EmptyState
        icon={BarChart3}
        title="No billing activity yet"
        description="Once infusions are documented and claims submitted, this page shows claim volume, payments, denials by reason and the work waiting in each queue."
      />
    </div>
  );
}
