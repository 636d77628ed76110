import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB, t=2): about 30 ms per hash on this hardware.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spend the same time for unknown emails as for known ones, so timing does not reveal accounts. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hash("not-a-real-password-for-timing");
  await verifyPassword(await dummy, password);
}
