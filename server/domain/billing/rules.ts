/** Stable rule ids with their billing-language label, their default category and the source they rest on. */
import type { FindingCategory, RuleId } from "./types";

export interface RuleInfo {
  /** what a biller reads in sentences and lists ("prior authorization"), never the rule id */
  label: string;
  category: FindingCategory;
  title: string;
  source: string;
}

export const RULES: Record<RuleId, RuleInfo> = {
  "R-UNITS": {
    label: "billed units",
    category: "units",
    title: "Administered units = ceil(mg administered / mg per unit)",
    source: "reference.md §3.1: CGS https://cgsmedicare.com/partb/pubs/news/2023/06/cope140894.html",
  },
  "R-JW": {
    label: "drug waste (JW line)",
    category: "waste",
    title: "Waste of at least one unit on a separate JW line; JZ when nothing is discarded",
    source: "reference.md §3.2: CMS http://www.cms.gov/medicare/payment/part-b-drugs/discarded-drugs ; Noridian https://med.noridianmedicare.com/web/jddme/topics/modifiers/jz",
  },
  "R-JWJZ": {
    label: "JW/JZ modifiers",
    category: "modifier",
    title: "Exactly one of {JW line, JZ on the lines} per drug",
    source: "reference.md §3.2: CMS http://www.cms.gov/medicare/payment/part-b-drugs/discarded-drugs",
  },
  "R-OVERFILL": {
    label: "units beyond the vials opened",
    category: "units",
    title: "Billed units never exceed the labelled contents of the opened vials",
    source: "reference.md §3.1: 42 CFR 414.904(a)(3); Noridian https://med.noridianmedicare.com/web/jfb/topics/modifiers/JW",
  },
  "R-VIAL": {
    label: "vial choice",
    category: "vial",
    title: "Open the vial combination with the least waste",
    source: "reference.md §3.1: CGS https://cgsmedicare.com/partb/pubs/news/2023/06/cope140894.html ; Noridian https://med.noridianmedicare.com/web/jea/article-detail/-/view/10521/reminder-proper-use-of-jw-and-jz-modifiers-for-drug-billing",
  },
  "R-NDC": {
    label: "NDC",
    category: "ndc",
    title: "NDC in 11-digit 5-4-2 form, finished package, crosswalks to the HCPCS, active on the DOS",
    source: "reference.md §1.2, §1.3: https://keystonefirstchc.com/providers/pharmacy/ndc-examples.aspx ; X12 RFI 2151 https://x12.org/resources/requests-for-interpretation/rfi-2151-cpt04-units-837i-and-837p",
  },
  "R-NDC-SPLIT": {
    label: "one line per NDC",
    category: "ndc",
    title: "One line per NDC; larger vials consumed first; waste on the last-opened vial [U convention]",
    source: "claim-rules.md R-NDC-SPLIT [U]; reference.md §1.3, §10.4 (one NDC per line: https://www.ask-edi.com/news/2019/2019-04-25_ny-natl-drug-code-requirement-info.shtml)",
  },
  "R-ADMIN": {
    label: "administration codes",
    category: "administration",
    title: "Administration codes from infusion start/stop times",
    source: "reference.md §4: Noridian A52953 https://med.noridianmedicare.com/web/jeb/policies/coverage-articles/chemotherapy-administration ; https://docslib.org/doc/9492712/uwhc-iv-infusion-mini-manual",
  },
  "R-FACILITY": {
    label: "who bills at this location",
    category: "place-of-service",
    title: "Physician 837P in a facility (POS 19/22) carries neither the drug nor 96401-96549",
    source: "reference.md §4: CPT text in Noridian A52953 https://med.noridianmedicare.com/web/jeb/policies/coverage-articles/chemotherapy-administration",
  },
  "R-WEIGHT": {
    label: "weight-based dose",
    category: "weight",
    title: "US label: < 30 kg weight-based dose, >= 30 kg (incl. 30.0) fixed dose allowed",
    source: "reference.md §2: US PI dosing table https://prescriberpoint.com/therapies/imfinzi-8baba4e",
  },
  "R-DOSE": {
    label: "labelled dose",
    category: "weight",
    title: "Ordered and administered dose match a labelled regimen",
    source: "reference.md §2: https://prescriberpoint.com/therapies/imfinzi-8baba4e",
  },
  "R-DURATION": {
    label: "treatment duration",
    category: "duration",
    title: "Labelled maximum treatment duration / number of cycles",
    source: "reference.md §2, §8.1: https://prescriberpoint.com/therapies/imfinzi-8baba4e ; https://fl-policies.exploremyplan.com/portal/web/medical-policies/-/vp-90301?print=1",
  },
  "R-DX": {
    label: "diagnosis",
    category: "diagnosis",
    title: "Billable ICD-10-CM code that maps to a labelled (or documented compendia) indication",
    source: "reference.md §2.1: CMS FAQ12889 https://www.medlearnmedia.com/question-of-the-week/general/for-the-week-of-april-25-2016-4/ ; https://icdlist.com/icd-10/C22",
  },
  "R-INDICATION": {
    label: "labelled indication",
    category: "indication",
    title: "Indication labelled on the DOS (withdrawn urothelial indication 2021-02-22)",
    source: "reference.md §2: https://www.thepharmaletter.com/biotechnology/imfinzi-trial-failure-prompts-withdrawal-of-indication-in-usa",
  },
  "R-HCPCS": {
    label: "drug code (HCPCS)",
    category: "code",
    title: "The HCPCS code is the drug's own code (J9322 is not durvalumab)",
    source: "reference.md §0, §1.1: https://bcbsm.com/content/dam/microsites/corpcomm/provider/the_record/2024/jun/Record_0624dd.html",
  },
  "R-MOD": {
    label: "modifiers",
    category: "modifier",
    title: "GN/GO/GP and other non-drug modifiers never on drug or administration lines",
    source: "reference.md §0, §3.3: https://findacode.com/articles/modifiers-gn-go-and-gp-refer-only-to-services-provided-under-plans-of-care-for-physical-therapy-31635.html",
  },
  "R-AUTH": {
    label: "prior authorization",
    category: "auth",
    title: "Prior authorization covers the drug, the DOS and the units",
    source: "reference.md §7 (CO-197/198), §8.1: https://med.noridianmedicare.com/es/web/jddme/topics/ra/denial-resolution/n210-197",
  },
  "R-FREQ": {
    label: "claim frequency",
    category: "frequency",
    title: "CLM05-3 1/7/8; replacement and void need the payer claim number (REF*F8)",
    source: "reference.md §6.1: X12 RFI 1538 https://x12.org/resources/requests-for-interpretation/rfi-1538-5010837i2300clm05-3-and-ref",
  },
  "R-DUP": {
    label: "duplicate claim",
    category: "duplicate",
    title: "An identical already-accepted original is a duplicate (OA-18: CARC 18 is used with group OA)",
    source: "reference.md §7, §10.3 (X12 CARC 18 'Use only with Group Code OA'): Novitas https://www.novitas-solutions.com/webcenter/portal/MedicareJH/pagebyid?contentId=00250502",
  },
  "R-TIMELY": {
    label: "timely filing",
    category: "timely-filing",
    title: "Claim filed within the payer's limit (Medicare: 1 calendar year after the DOS)",
    source: "reference.md §7: 42 CFR 424.44; Novitas https://www.novitas-solutions.com/webcenter/portal/MedicareJH/pagebyid?contentId=00250502",
  },
  "R-FREE": {
    label: "free drug",
    category: "units",
    title: "Free drug is never billed to the payer [U payer setting]",
    source: "claim-rules.md R-FREE [U]; reference.md §3.3 FB modifier: https://www.palmettogba.com/palmetto/providers.nsf/DocsR/Providers~JJ%20Part%20B~Browse%20by%20Topic~Modifier%20Lookup~8EELGM5832?open",
  },
  "R-MUE": {
    label: "payer's units cap",
    category: "units",
    title: "Units within the payer's per-dose cap (MUE / policy)",
    source: "reference.md §4 (payer caps, MUE not found [U]): https://al-policies.exploremyplan.com/portal/web/medical-policies/-/vp-0301?print=1",
  },
  "R-340B": {
    label: "340B modifier",
    category: "modifier",
    title: "340B-acquired drug carries the payer's 340B modifier (JG/TB by entity type and date for Medicare, UD for Medicaid) and charge",
    source: "CMS 340B modifier guidance (JG/TB, all covered entities from 2024-01-01) https://essentialhospitals.org/cms-revises-part-b-inflation-rebate-guidance-340b-modifers/ ; Medicaid UD and acquisition cost https://hfs.illinois.gov/medicalproviders/notices/notice.prn210415b.html",
  },
  "R-SITE": {
    label: "off-campus department modifier (PO/PN)",
    category: "modifier",
    title: "Off-campus hospital departments put PO (excepted) or PN (non-excepted) on every 837I line",
    source: "Medicare Claims Processing Manual ch. 4 §20.6.11 https://www.mediware.com/rehabilitation/blog/po-modifier-are-you-designated-as-an-off-campus-provider-based-outpatient-department/ ; PN on each line https://revenuecycleadvisor.com/news-analysis/qa-using-modifier-%E2%80%93pn-nonexcepted-services",
  },
  "R-EM": {
    label: "same-day visit (E/M)",
    category: "code",
    title: "A same-day E/M visit on a drug-administration claim is significant and separately identifiable, with modifier 25; 99211 is not paid with chemotherapy administration",
    source: "CMS CR 3631 update https://hhs.gov/guidance/document/payment-office-or-other-outpatient-evaluation-and-management-em-visits-codes-99201-99215 ; Noridian JF https://med.noridianmedicare.com/web/jfa/policies/coverage-articles/em-services-and-drug-administration-billing",
  },
  "R-OTHER-DRUG": {
    label: "other drugs given the same day",
    category: "code",
    title: "Other same-day drugs are billed with the user's HCPCS and units; their times count for the administration codes",
    source: "reference.md §4 (96413/96415/96417 from infusion times; initial service = primary reason for the encounter) https://rmcinc.org/infusions-injections-and-hydration/",
  },
  "R-CHARGE": {
    label: "fee-schedule price",
    category: "documentation",
    title: "Every line has a price in the fee schedule",
    source: "issue 3 scenario format (charges: price per billing unit)",
  },
};

/** Labels of the rules the documentation module adds to the engine's (expired lots). */
const DOCUMENTATION_RULE_LABELS: Record<string, string> = { "DOC-LOT-EXPIRY": "expired lot" };

/**
 * A rule as a biller reads it: "R-AUTH" → "prior authorization". The id stays the key in data,
 * acknowledgements and tests; sentences, lists and the timeline show this instead. An unknown id
 * (a rule removed since a record was written) reads "a billing check", never the id.
 */
export function ruleLabel(rule: string): string {
  return (RULES as Record<string, RuleInfo | undefined>)[rule]?.label ?? DOCUMENTATION_RULE_LABELS[rule] ?? "a billing check";
}
