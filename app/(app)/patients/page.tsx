import { UserPlus } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { PatientsList } from "@/components/patients/patients-list";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";

export const metadata = { title: "Patients" };

export default async function PatientsPage() {
  const me = await requirePermission("patient.read");
  const canWrite = can(me.role, "patient.write");
  return (
    <div className="space-y-2">
      <PageHeader
        title="Patients"
        description="Search by name, “last, first”, MRN or date of birth."
        actions={
          canWrite ? (
            <Button asChild>
              <Link href="/patients/new">
                <UserPlus aria-hidden /> New patient
              </Link>
            </Button>
          ) : null
        }
      />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <PatientsList canWrite={canWrite} />
      </Suspense>
    </div>
  );
}
