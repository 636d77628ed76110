import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { resolveSession, signInWithPassword, type SessionUser } from "@/server/services/auth";
import { authSettings } from "./config";

class AccountLockedError extends CredentialsSignin {
  code = "locked";
}
class InvalidCredentialsError extends CredentialsSignin {
  code = "invalid";
}

const ZCredentials = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: authSettings().maxHours * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Auth.js logs the whole CredentialsSignin stack for each wrong password; a wrong password is not
  // a server error, and the default logger could print request details. Keep only real errors.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentialsError();
        const result = await signInWithPassword(await getDb(), parsed.data, new Date(), authSettings());
        if (!result.ok) {
          if (result.reason === "locked") throw new AccountLockedError();
          throw new InvalidCredentialsError();
        }
        // The token carries only the server-side session id; everything else is read per request.
        return { id: result.userId, sid: result.sessionId } as { id: string };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      const sid = (user as { sid?: string } | undefined)?.sid;
      if (sid) token.sid = sid;
      // Nothing personal in the token: no email, name or picture.
      delete token.email;
      delete token.name;
      delete token.picture;
      return token;
    },
    session({ session, token }) {
      (session as unknown as { sid?: string }).sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
});

/** The session id in the signed cookie, if any (not yet checked against the database). */
export async function currentSessionId(): Promise<string | null> {
  const s = (await auth()) as unknown as { sid?: string } | null;
  return s?.sid ?? null;
}

/** The signed-in user for this request, checked against the session table, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const sid = await currentSessionId();
  if (!sid) return null;
  return resolveSession(await getDb(), sid, new Date(), authSettings());
}
