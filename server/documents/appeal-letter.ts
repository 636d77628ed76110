/**
 * Appeal letter (issue 11): a request for reconsideration of a denied durvalumab claim, pre-filled
 * from the claim, the remittance, the order, the authorizations and the administration record.
 * Plain data in, PDF bytes out (pdf-lib); the layout knows nothing of the database.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import { Writer } from "./pdf-writer";

export interface AppealLetterData {
  /** ISO date the letter is dated */
  date: string;
  practice: { name: string; npi: string; taxId: string; addressLines: string[]; phone?: string | null };
  payer: { name: string; addressLines?: string[] };
  patient: { name: string; birthDate: string | null; memberId: string | null };
  claim: {
    claimNumber: string;
    payerClaimNumber: string | null;
    serviceDate: string;
    chargeCents: number;
    lines: { lineNumber: number; code: string; modifiers: string[]; units: string; chargeCents: number; description?: string | null }[];
  };
  denial: {
    /** "Diagnosis / medical necessity" */
    categoryLabel: string;
    amountCents: number;
    remittanceDate: string | null;
    traceNumber: string | null;
    /** each denied adjustment in words: "Line 1 J9173: CO-50 These are non-covered services … (N115 …)" */
    reasons: string[];
  };
  indication: {
    name: string;
    /** e.g. "FDA label, approved 2022-10-21" or "NCCN compendium" */
    basis: string;
    diagnoses: { code: string; description: string }[];
    regimen?: string | null;
  } | null;
  authorizations: { number: string | null; status: string; dates: string | null; units: string | null }[];
  administration: {
    date: string;
    weight: string | null;
    dose: string | null;
    infusion: string | null;
    drugs: string[];
    /** the dose → units arithmetic, one step per line */
    arithmetic: string[];
  } | null;
  /** the biller's own words, optional */
  argument?: string | null;
  attachments: string[];
  signer: { name: string; title: string };
}

function money(cents: number): string {
  const v = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}$${String(Math.floor(v / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${String(v % 100).padStart(2, "0")}`;
}

function fmtDate(iso: string | null): string {
  if (!iso) return "not recorded";
  const [y, m, d] = iso.split("-");
  return `${m}/${d}/${y}`;
}

export async function renderAppealLetter(data: AppealLetterData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Appeal - claim ${data.claim.claimNumber}`);
  doc.setAuthor(data.practice.name);
  doc.setSubject(`Request for reconsideration of claim ${data.claim.claimNumber}`);
  doc.setCreator("Durvalumab Billing");
  doc.setProducer("Durvalumab Billing");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, font, bold, `${data.practice.name} - appeal of claim ${data.claim.claimNumber}`);

  // letterhead
  w.text(data.practice.name, { bold: true, size: 13 });
  for (const l of data.practice.addressLines) w.text(l);
  w.text(`NPI ${data.practice.npi}   Tax ID ${data.practice.taxId}${data.practice.phone ? `   Phone ${data.practice.phone}` : ""}`);
  w.space();
  w.text(fmtDate(data.date));
  w.space(6);
  w.text(data.payer.name, { bold: true });
  for (const l of data.payer.addressLines ?? []) w.text(l);
  w.text("Attn: Appeals / Reconsideration");
  w.space();

  w.text(`Re: Request for reconsideration of denied claim ${data.claim.claimNumber}`, { bold: true, size: 11, gap: 4 });
  w.pairs([
    ["Patient", data.patient.name],
    ["Date of birth", fmtDate(data.patient.birthDate)],
    ["Member ID", data.patient.memberId ?? "not recorded"],
    ["Our claim number", data.claim.claimNumber],
    ["Payer claim number", data.claim.payerClaimNumber ?? "not given on the remittance"],
    ["Date of service", fmtDate(data.claim.serviceDate)],
    ["Billed", money(data.claim.chargeCents)],
    ["Denied", `${money(data.denial.amountCents)} (${data.denial.categoryLabel})`],
    ["Remittance", `${data.denial.remittanceDate ? fmtDate(data.denial.remittanceDate) : "date not given"}${data.denial.traceNumber ? `, trace ${data.denial.traceNumber}` : ""}`],
  ]);
  w.space(6);
  w.text(
    `We ask you to reconsider the denial of the services below. Durvalumab (Imfinzi, HCPCS J9173, 1 unit = 10 mg) was ordered for an indication supported by its FDA label or the compendia, given as documented, and billed in units that follow from the dose administered. The records enclosed support each point.`,
  );

  w.heading("Services billed");
  for (const l of data.claim.lines) {
    const mods = l.modifiers.length ? `-${l.modifiers.join("-")}` : "";
    w.bullet(`Line ${l.lineNumber}: ${l.code}${mods}, ${l.units} unit(s), ${money(l.chargeCents)}${l.description ? ` - ${l.description}` : ""}`);
  }

  w.heading("The denial");
  for (const r of data.denial.reasons) w.bullet(r);

  if (data.indication) {
    w.heading("Indication and its basis");
    w.pairs([
      ["Indication", data.indication.name],
      ["Basis", data.indication.basis],
      ...(data.indication.regimen ? ([["Regimen", data.indication.regimen]] as [string, string][]) : []),
    ]);
    for (const d of data.indication.diagnoses) w.bullet(`${d.code} ${d.description}`);
  }

  w.heading("Authorization history");
  if (data.authorizations.length === 0) w.text("No authorization is on file for this service.");
  for (const a of data.authorizations) {
    w.bullet(`${a.number ? `Authorization ${a.number}` : "Request without a number"}: ${a.status}${a.dates ? `, ${a.dates}` : ""}${a.units ? `, ${a.units}` : ""}`);
  }

  if (data.administration) {
    const a = data.administration;
    w.heading("Administration record and unit arithmetic");
    w.pairs([
      ["Date given", fmtDate(a.date)],
      ["Weight", a.weight ?? "not recorded"],
      ["Dose", a.dose ?? "not recorded"],
      ["Infusion", a.infusion ?? "not recorded"],
    ]);
    for (const d of a.drugs) w.bullet(d);
    if (a.arithmetic.length) {
      w.space(4);
      for (const step of a.arithmetic) w.bullet(step);
    }
  }

  if (data.argument) {
    w.heading("Why the denial should be reversed");
    w.text(data.argument);
  }

  w.heading("Enclosed");
  if (data.attachments.length === 0) w.text("No attachments.");
  for (const a of data.attachments) w.bullet(a);

  w.space();
  w.text("Please reprocess the claim and pay the services above. Contact us with any question about this request.");
  w.space();
  w.text("Sincerely,");
  w.space(20);
  w.text(data.signer.name, { bold: true });
  w.text(`${data.signer.title}, ${data.practice.name}`);

  return doc.save();
}
