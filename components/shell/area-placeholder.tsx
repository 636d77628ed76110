import { BadgeDollarSign, ClipboardList, FileText, ShieldCheck, TriangleAlert, Users } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** What each work area will show, until the feature that fills it lands. */
const AREAS = {
  patients: {
    title: "Patients",
    description: "Patients treated with durvalumab, their coverage and their infusions.",
    icon: Users,
    empty: "No patients yet",
    text: "Registered patients appear here with their insurance coverage, orders and infusion history, searchable by name, MRN and date of birth.",
  },
  orders: {
    title: "Orders",
    description: "Durvalumab orders and their treatment calendars.",
    icon: ClipboardList,
    empty: "No orders yet",
    text: "Signed durvalumab orders appear here with indication, regimen, cycle calendar and the label's dose and duration checks.",
  },
  "prior-auths": {
    title: "Prior authorizations",
    description: "Authorization requests, decisions and units remaining per payer.",
    icon: ShieldCheck,
    empty: "No prior authorizations yet",
    text: "Requests for J9173 appear here with their status, approved units and dates, and the units each infusion uses.",
  },
  claims: {
    title: "Claims",
    description: "Claims built from documented infusions, scrubbed before submission.",
    icon: FileText,
    empty: "No claims yet",
    text: "Claims appear here once infusions are documented: lines with units, JW/JZ and NDC, every scrubber finding, and their status through submission and payment.",
  },
  remittances: {
    title: "Remittances",
    description: "Posted 835 remittance files and payments.",
    icon: BadgeDollarSign,
    empty: "No remittances yet",
    text: "Imported 835 files appear here with each payment matched to its claim, adjustments by group and reason, and balancing checks.",
  },
  denials: {
    title: "Denials",
    description: "Denied and underpaid claims to work: appeal, correct or write off.",
    icon: TriangleAlert,
    empty: "No denials to work",
    text: "Denied lines appear here grouped by reason (authorization, coding, NDC, medical necessity, timely filing) with the recommended action and the appeal deadline.",
  },
} as const;

export type Area = keyof typeof AREAS;
export const areaTitle = (area: Area) => AREAS[area].title;

export function AreaPlaceholder({ area }: { area: Area }) {
  const a = AREAS[area];
  return (
    <div className="space-y-6">
      <PageHeader title={a.title} description={a.description} />
      <EmptyState icon={a.icon} title={a.empty} description={a.text} />
    </div>
  );
}
