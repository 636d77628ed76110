import { setLogSink } from "@/server/log";

export interface LogRecord {
  level: string;
  msg?: string;
  reqId?: string;
  userId?: string;
  practiceId?: string;
  route?: string;
  durationMs?: number;
  outcome?: string;
  err?: string;
  [key: string]: unknown;
}

/** Everything the server logger writes (at every level) until `stop()`: the raw lines and the parsed records. */
export function captureLogs() {
  const lines: string[] = [];
  const stop = setLogSink((line) => lines.push(line));
  return {
    lines,
    text: () => lines.join(""),
    records: (): LogRecord[] => lines.map((l) => JSON.parse(l) as LogRecord),
    stop,
  };
}
