import { usDate } from "@/components/patients/format";
import type { TClaimDetail } from "@/server/api/routers/claims/schemas";
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { CLAIM_TYPE_LABELS } from "@/server/domain/claims/types";
import { CLAIM_STATE_LABELS } from "@/server/domain/workflow/claim";
import { dateTime, money } from "./format";

const LETTERS = "ABCDEFGHIJKL";

/** A field with its caption; `item` is the CMS-1500 (02/12) item number for professional claims. */
function Field({ label, item, children, wide }: { label: string; item?: string | null; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`border-b border-r border-neutral-300 px-2 py-1 ${wide ? "col-span-2" : ""}`}>
      <div className="text-[11px] leading-tight text-neutral-500">
        {item ? <span className="mr-1 font-semibold">{item}.</span> : null}
        {label}
      </div>
      <div className="text-sm leading-snug">{children}</div>
    </div>
  );
}

/**
 * The claim as it goes to the payer, laid out for paper: the parties, diagnoses and service lines
 * with the CMS-1500 item numbers (professional claims) or the UB-04 fields (institutional), the
 * resubmission code, and the warnings overridden with their reasons. Plain black on white; the
 * page's print CSS drops the buttons.
 */
export function ClaimPrintSheet({ d, printedBy, printedAt }: { d: TClaimDetail; printedBy: string; printedAt: Date }) {
  const c = d.claim;
  const pro = c.claimType === "professional";
  const item = (n: string) => (pro ? n : null);
  const correction = d.family.original;
  const resubmissionCode = c.frequency === "replacement" ? "7" : c.frequency === "void" ? "8" : null;
  return (
    <article className="mx-auto max-w-[8in] bg-white text-black" data-testid="claim-print">
      <header className="mb-3 flex items-start justify-between gap-4 border-b-2 border-black pb-2">
        <div>
          <h1 className="text-lg font-semibold">
            {pro ? "Health insurance claim (CMS-1500 02/12 content)" : "Institutional claim (837I / UB-04 content)"}
          </h1>
          <p className="text-sm">
            Claim <span className="font-mono font-semibold">{c.claimNumber}</span> · {CLAIM_TYPE_LABELS[c.claimType]} ·{" "}
            {CLAIM_STATE_LABELS[c.status]}
          </p>
        </div>
        <div className="text-right text-sm">
          <p className="font-semibold">{d.payer.name}</p>
          <p>Payer id {d.payer.ediPayerId}</p>
        </div>
      </header>

      <section className="grid grid-cols-4 border-l border-t border-neutral-300" aria-label="Patient and insurance">
        <Field item={item("1a")} label="Insured's id number">
          <span className="font-mono">{d.payer.memberId}</span>
        </Field>
        <Field item={item("2")} label="Patient's name" wide>
          {d.patient.lastName}, {d.patient.firstName} <span className="text-xs text-neutral-500">MRN {d.patient.mrn}</span>
        </Field>
        <Field item={item("3")} label="Patient's birth date">
          {usDate(d.patient.dateOfBirth)}
        </Field>
        <Field item={item("11c")} label="Insurance plan" wide>
          {d.payer.name} ({d.payer.responsibility})
        </Field>
        <Field item={item("22")} label="Resubmission code / original ref. no.">
          {resubmissionCode ? (
            <span className="font-mono">
              {resubmissionCode} · {c.payerClaimNumber ?? "—"}
            </span>
          ) : correction ? (
            `New original; resubmits rejected claim ${correction.claimNumber}`
          ) : (
            "Original claim"
          )}
        </Field>
        <Field item={item("23")} label="Prior authorization number">
          <span className="font-mono">{c.priorAuthNumber ?? "—"}</span>
        </Field>
      </section>

      <section className="mt-3" aria-label="Diagnoses">
        <h2 className="text-sm font-semibold">{pro ? "21. " : ""}Diagnoses (ICD-10-CM, indicator 0)</h2>
        <ol className="grid grid-cols-2 gap-x-6 text-sm">
          {c.diagnoses.map((x, i) => (
            <li key={x.code}>
              <span className="font-mono font-semibold">
                {LETTERS[i]}. {x.code}
              </span>{" "}
              {x.description ?? ""}
            </li>
          ))}
        </ol>
      </section>

      <section className="mt-3" aria-label="Service lines">
        <h2 className="text-sm font-semibold">{pro ? "24. " : ""}Service lines</h2>
        <table className="w-full border-collapse text-sm" data-testid="print-lines">
          <thead>
            <tr className="border-b border-black text-left text-[11px] text-neutral-600">
              <th className="py-1 pr-2 font-normal">{pro ? "24A " : ""}Date</th>
              <th className="pr-2 font-normal">{pro ? "24B " : ""}POS</th>
              <th className="pr-2 font-normal">{pro ? "24D " : "Rev. / "}Code · modifiers</th>
              <th className="pr-2 font-normal">{pro ? "24E " : ""}Dx pointer</th>
              <th className="pr-2 text-right font-normal">{pro ? "24F " : ""}Charge</th>
              <th className="pr-2 text-right font-normal">{pro ? "24G " : ""}Units</th>
              <th className="font-normal">{pro ? "24J " : ""}Rendering NPI</th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <LineRows key={l.position} l={l} pos={c.placeOfService ?? d.location.placeOfService} npi={d.provider.npi} />
            ))}
            <tr className="border-t-2 border-black font-semibold">
              <td colSpan={4} className="py-1 text-right">
                {pro ? "28. " : ""}Total charge
              </td>
              <td className="pr-2 text-right tabular-nums" data-testid="print-total">
                {money(c.totalChargeCents)}
              </td>
              <td colSpan={2} />
            </tr>
          </tbody>
        </table>
      </section>

      <section className="mt-3 grid grid-cols-3 border-l border-t border-neutral-300" aria-label="Providers">
        <Field item={item("25")} label="Federal tax id (EIN)">
          <span className="font-mono">{d.billingProvider.tin}</span>
        </Field>
        <Field item={item("26")} label="Patient's account no.">
          <span className="font-mono">{c.claimNumber}</span>
        </Field>
        <Field item={item("32")} label="Service facility">
          {d.location.name} · POS {c.placeOfService ?? d.location.placeOfService}
          {c.typeOfBill ? ` · type of bill ${c.typeOfBill}` : ""}
        </Field>
        <Field item={item("31")} label="Rendering provider">
          {d.provider.name} · NPI <span className="font-mono">{d.provider.npi}</span>
        </Field>
        <Field item={item("33")} label="Billing provider" wide>
          {d.billingProvider.name} · NPI <span className="font-mono">{d.billingProvider.npi}</span>
          <br />
          <span className="text-xs">
            {d.billingProvider.address.line1}
            {d.billingProvider.address.line2 ? `, ${d.billingProvider.address.line2}` : ""}, {d.billingProvider.address.city},{" "}
            {d.billingProvider.address.state} {d.billingProvider.address.postalCode}
          </span>
        </Field>
      </section>

      {d.overrides.length ? (
        <section className="mt-3" aria-label="Overridden warnings">
          <h2 className="text-sm font-semibold">Warnings overridden before sending</h2>
          <ul className="list-disc pl-5 text-sm">
            {d.overrides.map((o) => (
              <li key={o.id}>
                {o.message} <span className="italic">Reason: “{o.reason}”</span>
                {o.userName ? ` (${o.userName}, ${dateTime(o.createdAt)})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {c.rejection ? (
        <section className="mt-3 text-sm" aria-label="Rejection">
          <h2 className="font-semibold">Rejected {dateTime(c.rejection.at)}</h2>
          <ul className="list-disc pl-5">
            {c.rejection.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <footer className="mt-4 border-t border-neutral-300 pt-1 text-[11px] text-neutral-500">
        Service date {usDate(c.dateOfService)} · printed {dateTime(printedAt)} by {printedBy}. The payer receives the
        CMS-1500 form or the 837 file; this sheet is the practice&apos;s copy.
      </footer>
    </article>
  );
}

function LineRows({ l, pos, npi }: { l: TClaimDetail["lines"][number]; pos: string; npi: string }) {
  return (
    <>
      {l.ndc ? (
        <tr className="bg-neutral-100 text-xs" data-testid={`print-ndc-${l.position}`}>
          <td colSpan={7} className="px-1 pt-1 font-mono">
            N4{l.ndc.code11} {l.ndc.unit}
            {l.ndc.quantity}
            <span className="ml-2 font-sans text-neutral-500">(NDC {formatNdc11(l.ndc.code11)}, shaded area of 24A)</span>
          </td>
        </tr>
      ) : null}
      <tr className="border-b border-neutral-300">
        <td className="py-1 pr-2 whitespace-nowrap">{usDate(l.dateOfService)}</td>
        <td className="pr-2">{pos}</td>
        <td className="pr-2 font-mono whitespace-nowrap">
          {l.revenueCode ? `${l.revenueCode} · ` : ""}
          {[l.code, ...l.modifiers].join(" ")}
        </td>
        <td className="pr-2 font-mono">{l.diagnosisPointers.map((p) => LETTERS[p - 1]).join("")}</td>
        <td className="pr-2 text-right tabular-nums">{money(l.chargeCents)}</td>
        <td className="pr-2 text-right tabular-nums">{l.units}</td>
        <td className="font-mono">{npi}</td>
      </tr>
    </>
  );
}
