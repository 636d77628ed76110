import "server-only";
import pino, { type Level, type Logger } from "pino";

/*
 * The one logger of server code (app processes, job workers): pino, one JSON object per line on
 * stdout — `time`, `level`, `msg` and, on request lines, `reqId`, `userId`, `practiceId`, `route`,
 * `durationMs`. A log aggregator reads it as it is.
 *
 * What never goes in a log: patient data (names, dates of birth, MRNs, member ids, addresses),
 * passwords, tokens, cookies, request inputs or database rows. Code logs ids, counts, codes and
 * outcomes; errors go through `describeForLog` (class, SQLSTATE, quoted values blanked). The redact
 * paths below are the second line of defence for a field someone passes by mistake.
 *
 * LOG_LEVEL sets the level (default info; under vitest, silent unless LOG_LEVEL is set). Tests read
 * what would be written with `setLogSink`.
 */

/** Field names that may hold PHI or secrets: their values are replaced wherever they appear (top level or one level down). */
const SENSITIVE = [
  "password",
  "newPassword",
  "currentPassword",
  "temporaryPassword",
  "passwordHash",
  "token",
  "secret",
  "authorization",
  "cookie",
  "headers",
  "input",
  "rawInput",
  "firstName",
  "lastName",
  "patientName",
  "dateOfBirth",
  "dob",
  "mrn",
  "memberId",
  "subscriberId",
  "ssn",
  "addressLine1",
  "addressLine2",
  "phone",
  "email",
];
export const REDACT_PATHS = SENSITIVE.flatMap((k) => [k, `*.${k}`]);

type Sink = (line: string) => void;
const toStdout: Sink = (line) => void process.stdout.write(line);
let sink: Sink = toStdout;

function defaultLevel(): Level | "silent" {
  const configured = process.env.LOG_LEVEL?.trim();
  if (configured) return configured as Level;
  return process.env.VITEST ? "silent" : "info";
}

/** The root logger. Use `log.info({ fields }, "message")`; `log.child({ ... })` for a request or a job. */
export const log: Logger = pino(
  {
    level: defaultLevel(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  },
  { write: (line: string) => sink(line) },
);

const logged = new WeakSet<object>();
/** Marks an error as logged with its request (so the error formatter does not log it a second time). */
export function markLogged(e: object): void {
  logged.add(e);
}
export function wasLogged(e: object): boolean {
  return logged.has(e);
}

/**
 * Sends every line to `capture` instead of stdout (and lowers the level to `level`), until the
 * returned function is called. For tests that read the logs.
 */
export function setLogSink(capture: Sink, level: Level = "trace"): () => void {
  const before = log.level;
  sink = capture;
  log.level = level;
  return () => {
    sink = toStdout;
    log.level = before;
  };
}

/**
 * What an unexpected error may say in the server log. Database errors carry the failing row, the
 * query parameters and, in their messages, the offending value (`invalid input syntax for type
 * date: "1950-02-30"`); any error's message may quote user input. So: the class, SQLSTATE, table,
 * column and constraint; the first line of each message with every quoted value blanked out; the
 * SQL text of a failed query (never the parameters that follow it); the stack frames only.
 */
export function describeForLog(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const err = cur as {
      name?: string;
      message?: string;
      code?: unknown;
      constraint_name?: string;
      constraint?: string;
      table_name?: string;
      table?: string;
      column_name?: string;
      column?: string;
      cause?: unknown;
    };
    const firstLine = String(err.message ?? cur).split("\n")[0]!;
    // Drizzle's "Failed query: <sql>" keeps the SQL text (identifiers are quoted, values are $n).
    const safe = firstLine.startsWith("Failed query: ") ? firstLine : redactQuoted(firstLine);
    const msg = safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
    const code = typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : null;
    const extra = [
      code && `code=${code}`,
      (err.constraint_name ?? err.constraint) && `constraint=${err.constraint_name ?? err.constraint}`,
      (err.table_name ?? err.table) && `table=${err.table_name ?? err.table}`,
      (err.column_name ?? err.column) && `column=${err.column_name ?? err.column}`,
    ]
      .filter(Boolean)
      .join(" ");
    parts.push(`${identifier(err.name) ?? "Error"}: ${msg}${extra ? ` (${extra})` : ""}`);
    cur = err.cause;
  }
  // Only the frames: a multi-line message (query parameters) also appears at the top of the stack.
  const stack = (e as { stack?: string })?.stack
    ?.split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 5)
    .join("\n");
  return parts.join(" <- ") + (stack ? `\n${stack}` : "");
}

/** Quoted runs ("Smith", 'Smith', `Smith`, «Smith») become "…": messages quote the values they reject. */
function redactQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'|`[^`]*`|«[^»]*»|“[^”]*”/g, (m) => `${m[0]}…${m[m.length - 1]}`);
}

function identifier(name: unknown): string | null {
  return typeof name === "string" && /^[A-Za-z_$][\w$]{0,60}$/.test(name) ? name : null;
}
