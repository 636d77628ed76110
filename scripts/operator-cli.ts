/**
 * Platform operators: the people outside every practice who alone load new versions of the shared
 * reference data (NDC crosswalk, ASP limits, ICD-10-CM, indications, payer templates, codes).
 * There is no screen to create one, on purpose: a practice's administrator must never be able to.
 *
 *   npm run operator -- create <email> [--name "Full Name"] [--password-stdin]
 *   npm run operator -- deactivate <email>
 *   npm run operator -- list
 *
 * `create` prints a generated password once, unless --password-stdin reads one from standard input.
 * Uses DATABASE_URL, or the embedded directory PGLITE_DIR (default .data/pglite) when no app has it open.
 * Exit codes: 0 ok, 1 refused (the message says why).
 */
import { randomBytes } from "node:crypto";
import { defaultPgliteDir, openDb } from "../db/client";
import { loadReferenceSeedIfEmpty } from "../db/seed/reference-loader";
import { DomainError } from "../server/domain/errors";
import { createOperator, deactivateOperator, listOperators } from "../server/services/operators";

const USAGE = 'usage: npm run operator -- create <email> [--name "Full Name"] [--password-stdin] | deactivate <email> | list';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || !["create", "deactivate", "list"].includes(command)) {
    console.error(USAGE);
    return 1;
  }
  const url = process.env.DATABASE_URL || undefined;
  const h = await openDb({ url, dataDir: url ? undefined : defaultPgliteDir(), migrate: true });
  try {
    await loadReferenceSeedIfEmpty(h.db);
    const now = new Date();
    if (command === "list") {
      for (const o of await listOperators(h.db)) {
        console.log(`${o.email}\t${o.name}\t${o.isActive ? "active" : "deactivated"}\t${o.lastSignInAt?.toISOString() ?? "never signed in"}`);
      }
      return 0;
    }
    const email = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--name");
    if (!email) {
      console.error(USAGE);
      return 1;
    }
    if (command === "deactivate") {
      await deactivateOperator(h.db, email, now);
      console.log(`Operator ${email} deactivated; their sessions are ended.`);
      return 0;
    }
    const fromStdin = args.includes("--password-stdin");
    const password = fromStdin ? await readStdin() : `Op-${randomBytes(18).toString("base64url")}`;
    const name = option(args, "--name") ?? "Platform operator";
    const op = await createOperator(h.db, { email, name, password }, now);
    console.log(`Platform operator ${op.email} created. They sign in on the usual page and load reference versions under /platform/reference.`);
    if (!fromStdin) console.log(`Password (shown once, store it in your password manager): ${password}`);
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await h.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`[operator] failed: ${e.message}`);
    process.exit(1);
  },
);
