import type { Metadata } from "next";
import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { PatientDetail } from "@/components/patients/patient-detail";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { loadPatient } from "./load-patient";

/** The tab names the patient; without access it stays generic (the page itself refuses). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  try {
    const p = await loadPatient((await params).id);
    return { title: `${p.lastName}, ${p.firstName}` };
  } catch {
    return { title: "Patient" };
  }
}

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePermission("patient.read");
  const { id } = await params;
  const patient = await loadPatient(id);
  const canWrite = can(me.role, "patient.write");
  return (
    <div className="space-y-2">
      <Link
        href="/patients"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeft aria-hidden className="size-4" /> Patients
      </Link>
      <PageHeader
        title={`${patient.lastName}, ${patient.firstName}`}
        description={`MRN ${patient.mrn}`}
        actions={
          canWrite ? (
            <Button variant="outline" asChild>
              <Link href={`/patients/${patient.id}/edit`}>
                <Pencil aria-hidden /> Edit patient
              </Link>
            </Button>
          ) : null
        }
      />
      <PatientDetail initial={patient} canWrite={canWrite} />
    </div>
  );
}
