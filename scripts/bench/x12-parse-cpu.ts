/**
 * CPU of the 835 reader alone, for judging a change on a busy machine: generates one shape's file,
 * parses it `warm` times, then `runs` timed times (a full collection before each) and prints the
 * median main-thread CPU (from /proc/thread-self/schedstat, Linux only), process CPU and wall time.
 * Wall time on a shared machine is mostly waiting for a core; main-thread CPU is not.
 *
 *   npx tsx --expose-gc scripts/bench/x12-parse-cpu.ts [shape=project] [mb=10] [warm=3] [runs=7]
 *
 * With runs = 0 it only generates and warms up, so that under
 * `valgrind --tool=callgrind node --single-threaded ...` the difference between runs = N and
 * runs = 0 counts the instructions of N parses, collector and compiler included; with Node these
 * counts moved by up to 30 % between runs of the same code (docs/benchmarks.md, fourth optimisation).
 */
import { readFileSync } from "node:fs";
import { parse835 } from "@/server/domain/x12/parse-835";
import { generate835 } from "./x12-parse-bench";
import { SHAPES, generateShape } from "./x12-835-shapes";

const [shape = "project", mbArg = "10", warmArg = "3", runsArg = "7"] = process.argv.slice(2);
const bytes = Math.round(Number(mbArg) * 1024 * 1024);
const spec = SHAPES.find((s) => s.name === shape);
if (shape !== "project" && !spec) throw new Error(`unknown shape "${shape}"`);
const text = spec ? generateShape(spec, bytes).text : generate835(bytes).text;
const gc = (globalThis as { gc?: () => void }).gc;

function threadCpuNs(): number {
  return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

let kept: unknown = null;
for (let i = 0; i < Number(warmArg); i++) kept = parse835(text);
kept = null;
const wall: number[] = [];
const main: number[] = [];
const proc: number[] = [];
for (let i = 0; i < Number(runsArg); i++) {
  gc?.();
  const c0 = process.cpuUsage();
  const s0 = threadCpuNs();
  const t0 = process.hrtime.bigint();
  kept = parse835(text);
  const t1 = process.hrtime.bigint();
  const s1 = threadCpuNs();
  const c1 = process.cpuUsage(c0);
  wall.push(Number(t1 - t0) / 1e6);
  main.push((s1 - s0) / 1e6);
  proc.push((c1.user + c1.system) / 1000);
  kept = null;
}
void kept;
if (main.length > 0) {
  const mb = text.length / (1024 * 1024);
  console.log(
    JSON.stringify({
      shape,
      mb: Number(mb.toFixed(2)),
      mainCpuMedianMs: Number(median(main).toFixed(1)),
      processCpuMedianMs: Number(median(proc).toFixed(1)),
      wallMedianMs: Number(median(wall).toFixed(1)),
      mbPerMainCpuSecond: Number((mb / (median(main) / 1000)).toFixed(1)),
    }),
  );
}
