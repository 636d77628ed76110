"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { signOut as revokeSession } from "@/server/services/auth";
import { signOutOperator } from "@/server/services/operators";
import { DEFAULT_AFTER_SIGN_IN, safeReturnPath } from "@/server/domain/auth/return-to";
import { currentSessionId, signIn, signOut } from "./auth";
import { authSettings } from "./config";

const SIGN_IN_REFUSED = "Email or password is not correct.";

export interface SignInState {
  error: string | null;
  email: string;
}

/**
 * Form action for the sign-in page. Errors come back as state (never in the URL), and the
 * password is never echoed back.
 */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (code === "throttled") {
        const minutes = authSettings().addressWindowMinutes;
        return { error: `Too many failed sign-ins from this network. Wait up to ${minutes} minutes, then try again.`, email };
      }
      // The same words whether the password was wrong or the account is locked (never say which).
      return { error: SIGN_IN_REFUSED, email };
    }
    throw e;
  }
  // Back to the page that was asked for (checked again here: the form field comes from the browser).
  redirect(safeReturnPath(String(formData.get("next") ?? "")) ?? DEFAULT_AFTER_SIGN_IN);
}

/** Ends this session on the server (the row is revoked, not just the cookie dropped). */
export async function signOutAction(): Promise<void> {
  // signOut() revokes the session row too (the Auth.js signOut event); this also covers a cookie
  // Auth.js would no longer decode.
  const c = await currentSessionId();
  if (c?.kind === "user") await revokeSession(await getDb(), c.sid, new Date());
  if (c?.kind === "operator") await signOutOperator(await getDb(), c.sid, new Date());
  await signOut({ redirect: false });
  redirect("/sign-in?reason=signed-out");
}
