/**
 * CMS-1500 (02/12) health insurance claim form, for payers that take paper. Plain data in, PDF bytes
 * out (pdf-lib); the layout knows nothing of the database. Drawn as a facsimile of the form: the item
 * numbers and captions in small print, the claim's data in Courier where a printer would put it.
 * Items follow the NUCC 1500 instructions: item 21 ICD indicator 0 (ICD-10-CM) and diagnoses A–L,
 * item 22 resubmission code 7/8 with the original reference number, item 24 at most six service lines
 * per page with the NDC in the shaded top half of 24A (`N4` + 11-digit NDC + unit + quantity),
 * diagnosis pointers as letters in 24E, rendering NPI in 24J; a claim with more lines continues on
 * further forms and only the last carries the total (item 28).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

export interface Cms1500Address {
  line1: string;
  line2?: string | undefined;
  city: string;
  state: string;
  zip: string;
}

export interface Cms1500Data {
  claimNumber: string;
  payer: { name: string; address?: Cms1500Address | null };
  /** item 1 */
  insuranceType: "medicare" | "medicaid" | "tricare" | "champva" | "group" | "feca" | "other";
  /** item 1a */
  insuredId: string;
  patient: { lastName: string; firstName: string; middleInitial?: string | null; birthDate: string; sex: "M" | "F" | "U"; address: Cms1500Address; phone?: string | null };
  /** item 4 / 7 / 11 */
  insured: { lastName: string; firstName: string; middleInitial?: string | null; birthDate?: string | null; sex?: "M" | "F" | "U" | null; address?: Cms1500Address | null; groupNumber?: string | null; planName?: string | null };
  /** item 6 */
  relationship: "self" | "spouse" | "child" | "other";
  /** item 9/9a/9d and 11d: another plan exists (on a secondary or tertiary claim: the plan that paid first) */
  otherInsured?: { name: string; policyNumber?: string | null; planName?: string | null } | null;
  /** item 29: what the patient and/or other payers paid on the covered services (a secondary's prior payers) */
  amountPaidCents?: number | null;
  /**
   * A secondary or tertiary claim on paper goes with each prior payer's explanation of benefits:
   * printed after the form as the attachment pages, from the posted remittance.
   */
  priorPayers?: Cms1500PriorPayer[];
  /** item 17 (qualifier DK ordering provider) */
  orderingProvider?: { name: string; npi: string } | null;
  /** item 21: ICD-10-CM without the dot (as on the 837) */
  diagnoses: string[];
  /** item 22 */
  resubmission?: { code: "7" | "8"; originalReference: string } | null;
  /** item 23 */
  priorAuthNumber?: string | null;
  lines: {
    dateOfService: string;
    placeOfService: string;
    code: string;
    modifiers: string[];
    /** 1-based pointers into diagnoses → letters */
    diagnosisPointers: number[];
    chargeCents: number;
    units: number;
    renderingNpi: string;
    ndc?: { code11: string; unit: string; quantity: string } | null;
  }[];
  /** item 25 */
  taxId: string;
  /** item 31 */
  signer: { name: string; date: string };
  /** item 32 */
  serviceFacility: { name: string; address: Cms1500Address; npi?: string | null };
  /** item 33 */
  billingProvider: { name: string; address: Cms1500Address; phone?: string | null; npi: string };
}

/** One prior payer's adjudication of the claim, for the attachment page of a paper secondary/tertiary. */
export interface Cms1500PriorPayer {
  responsibility: "P" | "S" | "T";
  payerName: string;
  payerId: string;
  /** our claim billed to that payer, and the payer's claim number */
  claimNumber: string;
  payerClaimNumber: string | null;
  adjudicationDate: string;
  subscriber: { name: string; memberId: string };
  paidCents: number;
  patientResponsibilityCents: number | null;
  claimAdjustments: Cms1500Adjustment[];
  lines: { position: number; code: string; modifiers: string[]; units: number; chargeCents: number; paidCents: number; adjustments: Cms1500Adjustment[] }[];
}
export interface Cms1500Adjustment {
  group: string;
  reason: string;
  amountCents: number;
  /** the CARC in words */
  text: string;
}

const PAGE_W = 612;
const PAGE_H = 792;
const LEFT = 24;
const RIGHT = PAGE_W - 24;
const INK = rgb(0.72, 0.1, 0.1);
const SHADE = rgb(0.99, 0.9, 0.9);
const DATA = rgb(0, 0, 0);
const LINES_PER_FORM = 6;
const LETTERS = "ABCDEFGHIJKL";

function money(cents: number): { dollars: string; cents: string } {
  return { dollars: String(Math.floor(cents / 100)), cents: String(cents % 100).padStart(2, "0") };
}

function mmddyyyy(iso: string | null | undefined): string {
  if (!iso) return "";
  return `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(0, 4)}`;
}

function mmddyy(iso: string): string {
  return `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(2, 4)}`;
}

function dx(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** Standard fonts speak WinAnsi only: accents stay, anything else outside latin1 becomes a plain equivalent. */
function safe(text: string): string {
  return text
    .replace(/[\u2014\u2013]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "");
}

class Form {
  constructor(
    private readonly page: PDFPage,
    private readonly label: PDFFont,
    private readonly data: PDFFont,
  ) {}

  /** y measured from the top of the page. */
  box(x: number, top: number, w: number, h: number, caption?: string, opts: { shade?: boolean } = {}): void {
    const y = PAGE_H - top - h;
    if (opts.shade) this.page.drawRectangle({ x, y, width: w, height: h, color: SHADE });
    this.page.drawRectangle({ x, y, width: w, height: h, borderColor: INK, borderWidth: 0.5 });
    if (caption) this.page.drawText(safe(caption), { x: x + 2, y: y + h - 6.5, size: 5, font: this.label, color: INK });
  }

  caption(x: number, top: number, text: string, size = 5): void {
    this.page.drawText(safe(text), { x, y: PAGE_H - top - size, size, font: this.label, color: INK });
  }

  text(x: number, top: number, text: string, size = 8.5): void {
    if (!text) return;
    this.page.drawText(safe(text), { x, y: PAGE_H - top - size, size, font: this.data, color: DATA });
  }

  /** Right-aligned data text ending at x. */
  textRight(xEnd: number, top: number, text: string, size = 8.5): void {
    const w = this.data.widthOfTextAtSize(safe(text), size);
    this.text(xEnd - w, top, text, size);
  }

  check(x: number, top: number, label: string, checked: boolean): void {
    this.page.drawRectangle({ x, y: PAGE_H - top - 6, width: 6, height: 6, borderColor: INK, borderWidth: 0.5 });
    if (checked) this.text(x + 0.8, top - 0.8, "X", 7);
    this.caption(x + 8, top + 1, label);
  }
}

function addressLines(a: Cms1500Address | null | undefined): [string, string] {
  if (!a) return ["", ""];
  return [[a.line1, a.line2].filter(Boolean).join(", "), `${a.city}, ${a.state} ${a.zip}`];
}

/** Renders the claim on as many CMS-1500 forms as its lines need (six per form). */
export async function renderCms1500(c: Cms1500Data): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`CMS-1500 - claim ${c.claimNumber}`);
  doc.setSubject("Health insurance claim form (02/12)");
  doc.setCreator("Durvalumab billing");
  const label = await doc.embedFont(StandardFonts.Helvetica);
  const data = await doc.embedFont(StandardFonts.Courier);
  const pages = Math.max(1, Math.ceil(c.lines.length / LINES_PER_FORM));
  const total = c.lines.reduce((t, l) => t + l.chargeCents, 0);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    const f = new Form(page, label, data);
    drawHeader(f, c, p + 1, pages);
    drawPatientAndInsured(f, c);
    drawClaimItems(f, c);
    drawLines(f, c.lines.slice(p * LINES_PER_FORM, (p + 1) * LINES_PER_FORM), c.diagnoses);
    drawFooter(f, c, p === pages - 1 ? total : null);
  }
  for (const prior of c.priorPayers ?? []) drawPriorPayerPage(doc.addPage([PAGE_W, PAGE_H]), label, data, c, prior);
  return doc.save();
}

const PAYER_ORDER: Record<Cms1500PriorPayer["responsibility"], string> = { P: "PRIMARY", S: "SECONDARY", T: "TERTIARY" };

/**
 * The attachment page of a paper secondary/tertiary: one prior payer's explanation of benefits as
 * posted from its 835 (paid, every adjustment by group and reason in words, per line when the payer
 * adjudicated lines), with our claim number so the payer can pair it with the form.
 */
function drawPriorPayerPage(page: PDFPage, label: PDFFont, data: PDFFont, c: Cms1500Data, p: Cms1500PriorPayer): void {
  let top = 30;
  const put = (text: string, x: number, size = 8.5, font = data) => {
    page.drawText(safe(text), { x, y: PAGE_H - top - size, size, font, color: DATA });
  };
  const line = (text: string, size = 8.5, font = data) => {
    put(text, LEFT, size, font);
    top += size + 5;
  };
  const wrap = (text: string, width: number, size: number) => {
    const words = safe(text).split(" ");
    const out: string[] = [];
    let cur = "";
    for (const w of words) {
      const next = cur ? `${cur} ${w}` : w;
      if (data.widthOfTextAtSize(next, size) > width && cur) {
        out.push(cur);
        cur = w;
      } else cur = next;
    }
    if (cur) out.push(cur);
    return out;
  };
  const adjustments = (list: Cms1500Adjustment[], indent: number) => {
    for (const a of list) {
      const head = `${a.group}-${a.reason}  ${dollars(a.amountCents).padStart(12)}  `;
      const rows = wrap(a.text, RIGHT - LEFT - indent - data.widthOfTextAtSize(head, 7.5), 7.5);
      rows.forEach((r, i) => {
        put(`${i === 0 ? head : " ".repeat(head.length)}${r}`, LEFT + indent, 7.5);
        top += 11;
      });
    }
  };
  line(`ATTACHMENT TO CMS-1500 CLAIM ${c.claimNumber}: ${PAYER_ORDER[p.responsibility]} PAYER'S EXPLANATION OF BENEFITS`, 10, label);
  line(`Patient ${c.patient.lastName.toUpperCase()}, ${c.patient.firstName.toUpperCase()}  born ${mmddyyyy(c.patient.birthDate)}`, 8.5);
  top += 4;
  line(`Payer: ${p.payerName.toUpperCase()} (${p.payerId})`);
  line(`Insured: ${p.subscriber.name.toUpperCase()}  member id ${p.subscriber.memberId}`);
  line(`Claim billed to this payer: ${p.claimNumber}   payer's claim number: ${p.payerClaimNumber ?? "not given"}`);
  line(`Adjudicated: ${mmddyyyy(p.adjudicationDate)}`);
  line(`Paid by this payer: ${dollars(p.paidCents)}${p.patientResponsibilityCents !== null ? `   patient responsibility: ${dollars(p.patientResponsibilityCents)}` : ""}`);
  top += 6;
  if (p.claimAdjustments.length) {
    line("Claim adjustments (group-reason, amount, reason):", 8.5, label);
    adjustments(p.claimAdjustments, 12);
    top += 4;
  }
  if (p.lines.length) {
    line("Line   Procedure          Units      Charge        Paid   Adjustments", 8.5, label);
    for (const l of p.lines) {
      const proc = [l.code, ...l.modifiers].join("-");
      put(`${String(l.position).padStart(4)}   ${proc.padEnd(16)} ${String(l.units).padStart(6)}  ${dollars(l.chargeCents).padStart(10)}  ${dollars(l.paidCents).padStart(10)}`, LEFT, 7.5);
      top += 11;
      adjustments(l.adjustments, 36);
    }
  }
  top += 10;
  line("From the payer's electronic remittance advice (835) as posted by the billing office.", 6.5, label);
}

function dollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const a = Math.abs(cents);
  return `${sign}$${Math.floor(a / 100).toLocaleString("en-US")}.${String(a % 100).padStart(2, "0")}`;
}

function drawHeader(f: Form, c: Cms1500Data, page: number, pages: number): void {
  f.caption(LEFT, 14, "HEALTH INSURANCE CLAIM FORM", 10);
  f.caption(LEFT, 27, "APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12");
  f.caption(RIGHT - 150, 14, pages > 1 ? `PAGE ${page} OF ${pages}` : "", 7);
  // payer block (carrier area)
  f.text(330, 30, c.payer.name);
  const [p1, p2] = addressLines(c.payer.address);
  f.text(330, 41, p1);
  f.text(330, 52, p2);
  // item 1 and 1a
  const top = 66;
  f.box(LEFT, top, 372, 26, "1. MEDICARE   MEDICAID   TRICARE   CHAMPVA   GROUP HEALTH PLAN   FECA BLK LUNG   OTHER");
  const kinds: Cms1500Data["insuranceType"][] = ["medicare", "medicaid", "tricare", "champva", "group", "feca", "other"];
  kinds.forEach((k, i) => f.check(LEFT + 6 + i * 52, top + 12, k === "group" ? "Group" : k[0]!.toUpperCase() + k.slice(1), c.insuranceType === k));
  f.box(LEFT + 372, top, RIGHT - LEFT - 372, 26, "1a. INSURED'S I.D. NUMBER (For Program in Item 1)");
  f.text(LEFT + 376, top + 12, c.insuredId);
}

function name(n: { lastName: string; firstName: string; middleInitial?: string | null | undefined }): string {
  return `${n.lastName}, ${n.firstName}${n.middleInitial ? `, ${n.middleInitial}` : ""}`.toUpperCase();
}

function drawPatientAndInsured(f: Form, c: Cms1500Data): void {
  const L = LEFT;
  const W1 = 220;
  const W2 = 152;
  const X2 = L + W1;
  const X3 = X2 + W2;
  const W3 = RIGHT - X3;
  let top = 92;
  f.box(L, top, W1, 24, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)");
  f.text(L + 4, top + 11, name(c.patient));
  f.box(X2, top, W2, 24, "3. PATIENT'S BIRTH DATE        SEX");
  f.text(X2 + 4, top + 11, mmddyyyy(c.patient.birthDate));
  f.check(X2 + 92, top + 12, "M", c.patient.sex === "M");
  f.check(X2 + 118, top + 12, "F", c.patient.sex === "F");
  f.box(X3, top, W3, 24, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)");
  f.text(X3 + 4, top + 11, name(c.insured));
  top += 24;
  const [pa1, pa2] = addressLines(c.patient.address);
  f.box(L, top, W1, 36, "5. PATIENT'S ADDRESS (No., Street)");
  f.text(L + 4, top + 9, pa1.toUpperCase());
  f.text(L + 4, top + 20, pa2.toUpperCase());
  f.caption(L + 4, top + 30, `TELEPHONE  ${c.patient.phone ?? ""}`);
  f.box(X2, top, W2, 36, "6. PATIENT RELATIONSHIP TO INSURED");
  (["self", "spouse", "child", "other"] as const).forEach((r, i) => f.check(X2 + 4 + i * 37, top + 14, r[0]!.toUpperCase() + r.slice(1), c.relationship === r));
  const [ia1, ia2] = addressLines(c.insured.address ?? null);
  f.box(X3, top, W3, 36, "7. INSURED'S ADDRESS (No., Street)");
  f.text(X3 + 4, top + 9, ia1.toUpperCase());
  f.text(X3 + 4, top + 20, ia2.toUpperCase());
  top += 36;
  f.box(L, top, W1, 48, "9. OTHER INSURED'S NAME");
  if (c.otherInsured) {
    f.text(L + 4, top + 10, c.otherInsured.name.toUpperCase());
    f.caption(L + 4, top + 22, "a. OTHER INSURED'S POLICY OR GROUP NUMBER");
    f.text(L + 4, top + 28, c.otherInsured.policyNumber ?? "");
    f.caption(L + 4, top + 38, `d. INSURANCE PLAN NAME  ${c.otherInsured.planName ?? ""}`);
  }
  f.box(X2, top, W2, 48, "10. IS PATIENT'S CONDITION RELATED TO:");
  f.caption(X2 + 4, top + 12, "a. EMPLOYMENT?   YES [ ]  NO [X]");
  f.caption(X2 + 4, top + 22, "b. AUTO ACCIDENT? YES [ ]  NO [X]");
  f.caption(X2 + 4, top + 32, "c. OTHER ACCIDENT? YES [ ]  NO [X]");
  f.box(X3, top, W3, 48, "11. INSURED'S POLICY GROUP OR FECA NUMBER");
  f.text(X3 + 4, top + 9, c.insured.groupNumber ?? "NONE");
  f.caption(X3 + 4, top + 20, `a. INSURED'S DATE OF BIRTH  ${mmddyyyy(c.insured.birthDate ?? null)}  SEX ${c.insured.sex ?? ""}`);
  f.caption(X3 + 4, top + 30, `c. INSURANCE PLAN NAME OR PROGRAM NAME  ${c.insured.planName ?? ""}`);
  f.caption(X3 + 4, top + 40, `d. IS THERE ANOTHER HEALTH BENEFIT PLAN?  ${c.otherInsured ? "YES [X]  NO [ ]" : "YES [ ]  NO [X]"}`);
  top += 48;
  f.box(L, top, W1 + W2, 24, "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE");
  f.text(L + 4, top + 11, "SIGNATURE ON FILE");
  f.text(L + 250, top + 11, mmddyyyy(c.signer.date));
  f.box(X3, top, W3, 24, "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE");
  f.text(X3 + 4, top + 11, "SIGNATURE ON FILE");
}

function drawClaimItems(f: Form, c: Cms1500Data): void {
  const L = LEFT;
  let top = 224;
  f.box(L, top, 372, 24, "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE");
  if (c.orderingProvider) {
    f.text(L + 4, top + 11, `DK ${c.orderingProvider.name.toUpperCase()}`);
    f.caption(L + 250, top + 12, "17b. NPI");
    f.text(L + 280, top + 11, c.orderingProvider.npi);
  }
  f.box(L + 372, top, RIGHT - L - 372, 24, "18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES");
  top += 24;
  f.box(L, top, 372, 48, "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)");
  f.caption(L + 300, top + 1, "ICD Ind.");
  f.text(L + 330, top + 1, "0", 7);
  for (let i = 0; i < 12; i++) {
    const col = i % 4;
    const row = Math.floor(i / 4);
    const x = L + 6 + col * 90;
    const y = top + 12 + row * 11;
    f.caption(x, y + 2, `${LETTERS[i]}.`);
    f.text(x + 8, y, c.diagnoses[i] ? dx(c.diagnoses[i]!) : "");
  }
  f.box(L + 372, top, RIGHT - L - 372, 24, "22. RESUBMISSION CODE      ORIGINAL REF. NO.");
  if (c.resubmission) {
    f.text(L + 376, top + 11, c.resubmission.code);
    f.text(L + 430, top + 11, c.resubmission.originalReference);
  }
  f.box(L + 372, top + 24, RIGHT - L - 372, 24, "23. PRIOR AUTHORIZATION NUMBER");
  f.text(L + 376, top + 35, c.priorAuthNumber ?? "");
}

const COLS = [
  { key: "A", caption: "24. A. DATE(S) OF SERVICE From / To", w: 118 },
  { key: "B", caption: "B. PLACE OF SERVICE", w: 30 },
  { key: "C", caption: "C. EMG", w: 22 },
  { key: "D", caption: "D. PROCEDURES, SERVICES (CPT/HCPCS  MODIFIER)", w: 132 },
  { key: "E", caption: "E. DIAGNOSIS POINTER", w: 46 },
  { key: "F", caption: "F. $ CHARGES", w: 70 },
  { key: "G", caption: "G. DAYS OR UNITS", w: 38 },
  { key: "H", caption: "H. EPSDT", w: 24 },
  { key: "I", caption: "I. ID QUAL", w: 24 },
  { key: "J", caption: "J. RENDERING PROVIDER ID. #", w: 60 },
] as const;

function drawLines(f: Form, lines: Cms1500Data["lines"], diagnoses: string[]): void {
  const top0 = 296;
  let x = LEFT;
  for (const c of COLS) {
    f.box(x, top0, c.w, 20, c.caption);
    x += c.w;
  }
  const rowH = 26;
  for (let i = 0; i < LINES_PER_FORM; i++) {
    const top = top0 + 20 + i * rowH;
    // shaded supplemental band (top half) and the white service line (bottom half)
    f.box(LEFT, top, RIGHT - LEFT, rowH / 2, undefined, { shade: true });
    f.box(LEFT, top + rowH / 2, RIGHT - LEFT, rowH / 2);
    f.caption(LEFT - 9, top + 14, String(i + 1), 7);
    const l = lines[i];
    if (!l) continue;
    if (l.ndc) f.text(LEFT + 3, top + 3, `N4${l.ndc.code11} ${l.ndc.unit}${l.ndc.quantity}`, 8);
    const base = top + rowH / 2 + 3;
    let cx = LEFT;
    const col = (k: string) => {
      let x2 = LEFT;
      for (const c of COLS) {
        if (c.key === k) return x2;
        x2 += c.w;
      }
      return x2;
    };
    cx = col("A");
    f.text(cx + 2, base, `${mmddyy(l.dateOfService)} ${mmddyy(l.dateOfService)}`, 8);
    f.text(col("B") + 6, base, l.placeOfService, 8);
    f.text(col("D") + 2, base, [l.code, ...l.modifiers].join(" "), 8);
    f.text(col("E") + 4, base, l.diagnosisPointers.map((p) => LETTERS[p - 1] ?? "").join(""), 8);
    const m = money(l.chargeCents);
    f.textRight(col("G") - 16, base, m.dollars, 8);
    f.text(col("G") - 12, base, m.cents, 8);
    f.textRight(col("H") - 3, base, String(l.units), 8);
    f.caption(col("I") + 3, base + 2, "NPI");
    f.text(col("J") + 1, base, l.renderingNpi, 7);
    void diagnoses;
  }
}

function drawFooter(f: Form, c: Cms1500Data, total: number | null): void {
  const L = LEFT;
  let top = 296 + 20 + LINES_PER_FORM * 26;
  f.box(L, top, 150, 24, "25. FEDERAL TAX I.D. NUMBER   SSN  EIN");
  f.text(L + 4, top + 11, c.taxId);
  f.check(L + 112, top + 12, "EIN", true);
  f.box(L + 150, top, 110, 24, "26. PATIENT'S ACCOUNT NO.");
  f.text(L + 154, top + 11, c.claimNumber);
  f.box(L + 260, top, 100, 24, "27. ACCEPT ASSIGNMENT?");
  f.check(L + 264, top + 12, "YES", true);
  f.check(L + 300, top + 12, "NO", false);
  f.box(L + 360, top, 90, 24, "28. TOTAL CHARGE");
  if (total === null) f.text(L + 364, top + 11, "CONTINUED", 7.5);
  else {
    const m = money(total);
    f.textRight(L + 430, top + 11, `$${m.dollars}`, 8.5);
    f.text(L + 433, top + 11, m.cents, 8.5);
  }
  f.box(L + 450, top, 70, 24, "29. AMOUNT PAID");
  if (c.amountPaidCents != null && total !== null) {
    const m = money(c.amountPaidCents);
    f.textRight(L + 503, top + 11, `$${m.dollars}`, 8.5);
    f.text(L + 506, top + 11, m.cents, 8.5);
  }
  f.box(L + 520, top, RIGHT - L - 520, 24, "30. Rsvd for NUCC");
  top += 24;
  const h = 56;
  f.box(L, top, 150, h, "31. SIGNATURE OF PHYSICIAN OR SUPPLIER");
  f.text(L + 4, top + 14, c.signer.name.toUpperCase(), 7.5);
  f.text(L + 4, top + 26, "SIGNATURE ON FILE", 7.5);
  f.text(L + 4, top + 38, mmddyyyy(c.signer.date), 7.5);
  f.box(L + 150, top, 210, h, "32. SERVICE FACILITY LOCATION INFORMATION");
  const [s1, s2] = addressLines(c.serviceFacility.address);
  f.text(L + 154, top + 10, c.serviceFacility.name.toUpperCase(), 7.5);
  f.text(L + 154, top + 20, s1.toUpperCase(), 7.5);
  f.text(L + 154, top + 30, s2.toUpperCase(), 7.5);
  f.caption(L + 154, top + 44, "a. NPI");
  f.text(L + 176, top + 42, c.serviceFacility.npi ?? "", 7.5);
  f.box(L + 360, top, RIGHT - L - 360, h, `33. BILLING PROVIDER INFO & PH #  ${c.billingProvider.phone ? formatPhone(c.billingProvider.phone) : ""}`);
  const [b1, b2] = addressLines(c.billingProvider.address);
  f.text(L + 364, top + 10, c.billingProvider.name.toUpperCase(), 7.5);
  f.text(L + 364, top + 20, b1.toUpperCase(), 7.5);
  f.text(L + 364, top + 30, b2.toUpperCase(), 7.5);
  f.caption(L + 364, top + 44, "a. NPI");
  f.text(L + 386, top + 42, c.billingProvider.npi, 7.5);
  f.caption(L, top + h + 6, "NUCC Instruction Manual available at: www.nucc.org        APPROVED OMB-0938-1197 FORM 1500 (02-12)");
}

function formatPhone(p: string): string {
  return p.length === 10 ? `(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}` : p;
}
