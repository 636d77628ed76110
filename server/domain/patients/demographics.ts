/**
 * Demographic field rules shared by the tRPC schemas, the service (which re-checks dates against the
 * request clock) and the forms. Pure: the caller passes "today".
 */

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `MM/DD/YYYY` (or `M/D/YYYY`) → `YYYY-MM-DD`, or null when it is not a real date. */
export function usDateToIso(value: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** The ISO date of an instant in UTC (the app runs with TZ=UTC; callers pass the request clock). */
export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export const EARLIEST_DATE_OF_BIRTH = "1900-01-01";

/** A message for a bad date of birth, or null when it is acceptable. */
export function dateOfBirthProblem(dob: string, today: string): string | null {
  if (!isIsoDate(dob)) return "Enter the date of birth as a real date, e.g. 1956-03-14.";
  if (dob < EARLIEST_DATE_OF_BIRTH) return "The date of birth cannot be before 1900.";
  if (dob > today) return "The date of birth cannot be in the future.";
  return null;
}

/**
 * A US phone number in any usual writing ("(608) 555-0134", "608.555.0134", "+1 608 555 0134") →
 * its ten digits, or null. NANP area codes and exchanges never start with 0 or 1.
 */
export function normalizeUsPhone(value: string): string | null {
  if (/[^\d\s().+-]/.test(value)) return null;
  let digits = value.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return null;
  return digits;
}

/** Ten digits → "(608) 555-0134"; anything else is returned as is. */
export function formatUsPhone(digits: string | null | undefined): string {
  if (!digits) return "";
  const m = /^(\d{3})(\d{3})(\d{4})$/.exec(digits);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : digits;
}

/** "53703" or "53703-1234" / "537031234" → the 5 or 9 digits (as X12 N403 wants them), or null. */
export function normalizeZip(value: string): string | null {
  const m = /^(\d{5})(?:-?(\d{4}))?$/.exec(value.trim());
  return m ? `${m[1]}${m[2] ?? ""}` : null;
}

/** "537031234" → "53703-1234". */
export function formatZip(zip: string): string {
  return zip.length === 9 ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip;
}

/** "Doe, Jane" */
export function patientDisplayName(p: { firstName: string; lastName: string }): string {
  return `${p.lastName}, ${p.firstName}`;
}

/** Whole years between the date of birth and a date (both ISO). */
export function ageOn(dob: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  return date.slice(5) < dob.slice(5) ? years - 1 : years;
}
