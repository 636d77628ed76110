/**
 * Identifier checks shared by every form: NPI (Luhn over the "80840" prefix, as CMS specifies for
 * the NPI check digit) and the employer tax id shape.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === npi.charCodeAt(9) - 48;
}

/** Nine digits, written 12-3456789 or 123456789; returns the plain nine digits or null. */
export function normalizeTaxId(taxId: string): string | null {
  const m = /^(\d{2})-?(\d{7})$/.exec(taxId.trim());
  return m ? `${m[1]}${m[2]}` : null;
}
