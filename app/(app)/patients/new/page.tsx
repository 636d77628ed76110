import { PatientForm } from "@/components/patients/patient-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "New patient" };

export default async function NewPatientPage() {
  await requirePermission("patient.write");
  return (
    <div className="space-y-2">
      <PageHeader
        title="New patient"
        description="Register the patient first; add their insurance on the next page."
      />
      <PatientForm />
    </div>
  );
}
