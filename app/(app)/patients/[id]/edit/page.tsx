import { PatientForm } from "@/components/patients/patient-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";
import { loadPatient } from "../load-patient";

export const metadata = { title: "Edit patient" };

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("patient.write");
  const { id } = await params;
  const { coverages: _coverages, ...patient } = await loadPatient(id);
  return (
    <div className="space-y-2">
      <PageHeader
        title={`Edit ${patient.lastName}, ${patient.firstName}`}
        description={`MRN ${patient.mrn}`}
      />
      <PatientForm patient={patient} />
    </div>
  );
}
