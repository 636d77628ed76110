/** Prints where the demo runs and how to sign in (called by scripts/demo.sh once the app is healthy). */
import { DEMO_LOGINS, DEMO_OPERATOR, DEMO_PRACTICE, OTHER_DEMO_PRACTICE, OTHER_PRACTICE_LOGIN } from "../db/seed/demo-logins";
import { ROLE_LABELS } from "../server/domain/auth/roles";

const [url = "http://127.0.0.1:3000", health = "{}"] = process.argv.slice(2);
const h = JSON.parse(health) as { database?: string };
const pad = (s: string, n: number) => s.padEnd(n);
const lines = [
  "",
  `Durvalumab Billing is running at ${url}  (database: ${h.database ?? "?"})`,
  "",
  `Demo logins for ${DEMO_PRACTICE.name}:`,
  ...DEMO_LOGINS.map((l) => `  ${pad(ROLE_LABELS[l.role], 24)} ${pad(l.email, 28)} ${l.password}`),
  "",
  `A second practice, to see that practices never see each other's data (${OTHER_DEMO_PRACTICE.name}):`,
  `  ${pad(ROLE_LABELS[OTHER_PRACTICE_LOGIN.role], 24)} ${pad(OTHER_PRACTICE_LOGIN.email, 28)} ${OTHER_PRACTICE_LOGIN.password}`,
  "",
  "The platform operator (outside every practice; loads shared reference data for all of them):",
  `  ${pad("Platform operator", 24)} ${pad(DEMO_OPERATOR.email, 28)} ${DEMO_OPERATOR.password}`,
  "",
  "Press Ctrl+C to stop.",
  "",
];
console.log(lines.join("\n"));
