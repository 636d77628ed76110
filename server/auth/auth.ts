import "server-only";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import { getToken } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { publicSignInAnswer, resolveSession, signInWithPassword, signOut as revokeSession, type SessionUser } from "@/server/services/auth";
import { clientAddressOf } from "@/server/services/sign-in-throttle";
import { resolveOperatorSession, signOutOperator, type OperatorSession } from "@/server/services/operators";
import { authSettings } from "./config";
import { DecodedCookieCache } from "./decoded-cookie-cache";
import { describeForLog, log } from "@/server/log";

/**
 * A wrong password, an unknown email, a deactivated account and a locked account all give this one
 * answer (also in Auth.js's own redirect URL, which carries the code): the lock must not tell a
 * guesser that the account exists.
 */
class InvalidCredentialsError extends CredentialsSignin {
  code = "invalid";
}
/** The client address has failed too often: it must wait, whichever account it tries. */
class ThrottledError extends CredentialsSignin {
  code = "throttled";
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
      log.error({ component: "auth", err: describeForLog(error) }, "auth error");
    },
    warn() {},
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentialsError();
        const settings = authSettings();
        const clientAddress = clientAddressOf(request.headers, settings.trustedProxyHops);
        const result = await signInWithPassword(await getDb(), { ...parsed.data, clientAddress }, new Date(), settings);
        const answer = publicSignInAnswer(result);
        if (answer === "throttled") throw new ThrottledError();
        if (!result.ok || answer !== "ok") throw new InvalidCredentialsError();
        // The token carries only the server-side session id; everything else is read per request.
        return { id: result.userId, sid: result.sessionId, kind: result.kind } as { id: string };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      const signedIn = user as { sid?: string; kind?: "user" | "operator" } | undefined;
      if (signedIn?.sid) {
        token.sid = signedIn.sid;
        token.kind = signedIn.kind ?? "user";
      }
      // Nothing personal in the token: no email, name or picture.
      delete token.email;
      delete token.name;
      delete token.picture;
      return token;
    },
    // What `/api/auth/session` answers to page JavaScript: no session id (it stays in the encrypted
    // cookie and on the server), nothing personal; only the expiry.
    session({ session }) {
      return { expires: session.expires } as typeof session;
    },
  },
  events: {
    // Every way out through Auth.js (its own POST /api/auth/signout, and signOut() in our server
    // action) revokes the session row, so a saved copy of the cookie is worth nothing afterwards.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sid !== "string") return;
      if (token.kind === "operator") await signOutOperator(await getDb(), token.sid, new Date());
      else await revokeSession(await getDb(), token.sid, new Date());
    },
  },
});

interface CookieSession {
  sid: string;
  kind: "user" | "operator";
}

/** Each process decodes a browser's session cookie once (./decoded-cookie-cache.ts). */
const decodedCookies = new DecodedCookieCache<CookieSession>(1_000);

/** The session id in the encrypted cookie, if any (not yet checked against the database). */
async function cookieSession(): Promise<CookieSession | null> {
  const h = await headers();
  const secret = process.env.AUTH_SECRET;
  const cookie = h.get("cookie");
  if (!secret || !cookie) return null;
  const known = decodedCookies.get(cookie, Date.now());
  if (known) return known;
  // The cookie is "__Secure-" prefixed when served over HTTPS; try that name first.
  for (const secureCookie of [true, false]) {
    const cookieName = secureCookie ? "__Secure-authjs.session-token" : "authjs.session-token";
    if (!cookie.includes(cookieName)) continue;
    const token = await getToken({ req: { headers: h }, secret, secureCookie, cookieName, salt: cookieName });
    if (token && typeof token.sid === "string") {
      const session: CookieSession = { sid: token.sid, kind: token.kind === "operator" ? "operator" : "user" };
      decodedCookies.set(cookie, session, token.exp);
      return session;
    }
  }
  return null;
}

export async function currentSessionId(): Promise<CookieSession | null> {
  return cookieSession();
}

/** The signed-in practice user for this request, checked against the session table, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  return (await currentIdentity()).user;
}

/** The signed-in platform operator for this request, checked against the session table, or null. */
export async function currentOperator(): Promise<OperatorSession | null> {
  return (await currentIdentity()).operator;
}

/** Who is signed in: a practice user, a platform operator, or nobody (never both). */
export async function currentIdentity(): Promise<{ user: SessionUser | null; operator: OperatorSession | null }> {
  const c = await cookieSession();
  if (!c) return { user: null, operator: null };
  const db = await getDb();
  if (c.kind === "operator") return { user: null, operator: await resolveOperatorSession(db, c.sid, new Date(), authSettings()) };
  return { user: await resolveSession(db, c.sid, new Date(), authSettings()), operator: null };
}
