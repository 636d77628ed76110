/**
 * Password rules, after NIST SP 800-63B: length matters, composition rules do not; reject
 * passwords that are common, repetitive or built from the account's own name or email.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  "password1234",
  "password12345",
  "password123!",
  "123456789012",
  "qwertyuiop12",
  "iloveyou1234",
  "welcome12345",
  "letmein12345",
  "changeme1234",
  "administrator",
  "passw0rd1234",
  "abcdefghijkl",
  "111111111111",
  "000000000000",
  "qwerty123456",
  "correcthorsebatterystaple",
]);

export interface PasswordContext {
  email?: string;
  name?: string;
}

/** Returns the list of problems (empty when the password is acceptable). */
export function checkPassword(password: string, ctx: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push("This password is too common.");
  if (chars.length > 0 && new Set(chars).size <= 2) problems.push("Use more than two different characters.");
  if (isSequence(lower)) problems.push("Do not use a simple sequence of characters.");
  const local = ctx.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) problems.push("Do not include your email address.");
  for (const part of (ctx.name ?? "").toLowerCase().split(/\s+/)) {
    if (part.length >= 4 && lower.includes(part)) {
      problems.push("Do not include your name.");
      break;
    }
  }
  return problems;
}

function isSequence(s: string): boolean {
  if (s.length < 6) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d !== 1) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}

/**
 * A temporary password an admin can read out or paste: 16 characters from an alphabet without
 * look-alikes (no 0/O, 1/l/I). `randomInt(n)` is injected so the function stays pure and testable.
 */
export function generateTemporaryPassword(randomInt: (max: number) => number, length = 16): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  // Groups of four are easier to read aloud and to type.
  return out.replace(/(.{4})(?=.)/g, "$1-");
}
