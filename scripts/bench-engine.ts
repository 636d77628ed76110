/**
 * `npm run bench:engine`: the engine's performance figures side by side, in one run.
 *  - preview: µs per preview (build + scrub) over varied scenarios, from scripts/bench-preview.ts
 *  - 835 parse: MB/s of our reader and of node-x12 on the same generated remittance, for each file
 *    shape (the project's own file, few large claims, many small ones, service-line heavy, PLB heavy)
 *
 * Options: --mb N (size of each 835, default 25), --shapes a,b (default all), --skip-preview,
 * --json (one JSON object instead of the table).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SHAPE_NAMES, benchParse835 } from "./bench/x12-parse-bench";

type PreviewResult = Record<string, unknown>;

async function runPreview(): Promise<PreviewResult | string> {
  const file = path.resolve(import.meta.dirname, "bench-preview.ts");
  if (!existsSync(file)) return "preview: not available";
  try {
    const mod = (await import(pathToFileURL(file).href)) as { benchPreview?: () => Promise<PreviewResult> | PreviewResult };
    if (typeof mod.benchPreview !== "function") return "preview: not available (bench-preview.ts exports no benchPreview)";
    return await mod.benchPreview();
  } catch (error) {
    return `preview: failed (${error instanceof Error ? error.message : String(error)})`;
  }
}

function fmt(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return String(value);
}

function table(rows: [string, string, string][]): string {
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: [string, string, string]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  │  ");
  const rule = widths.map((w) => "─".repeat(w)).join("──┼──");
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const mb = Number(option("--mb") ?? 25);
  if (!(mb > 0)) throw new Error("--mb must be a positive number of megabytes");
  const shapes = option("--shapes")?.split(",").filter(Boolean) ?? [...SHAPE_NAMES];
  const say = (s: string) => {
    if (!json) console.log(s);
    else console.error(s);
  };
  say(`bench:engine — node ${process.version}, ${process.platform}/${process.arch}\n`);
  const preview = process.argv.includes("--skip-preview") ? "preview: skipped" : await runPreview();
  const x12 = await benchParse835({ mb, shapes, log: (s) => say(`  [835] ${s}`) });
  if (json) {
    console.log(JSON.stringify({ node: process.version, preview, x12 }, null, 2));
    return;
  }

  const rows: [string, string, string][] = [["measure", "value", "target"]];
  if (typeof preview === "string") rows.push(["preview (build + scrub)", preview, "≤ 20 µs"]);
  else {
    for (const [k, v] of Object.entries(preview)) rows.push([`preview ${k}`, fmt(v), /us|µs|micros/i.test(k) ? "≤ 20 µs" : ""]);
  }
  for (const r of x12) {
    rows.push(
      [`835 ${r.shape}: file`, `${r.sizeMB.toFixed(1)} MB, ${r.claims} claims, ${r.lines} lines, ${r.segments} segments`, ""],
      [`835 ${r.shape}: ours (best / median)`, `${r.oursMBps.toFixed(1)} / ${r.oursMedianMBps.toFixed(1)} MB/s`, ""],
      [`835 ${r.shape}: node-x12 (best / median)`, `${r.nodeX12MBps.toFixed(2)} / ${r.nodeX12MedianMBps.toFixed(2)} MB/s`, ""],
      [`835 ${r.shape}: ours / node-x12`, `${r.ratio.toFixed(1)}× (median ${r.medianRatio.toFixed(1)}×)`, "≥ 10×"],
    );
    if (r.x12ParserMBps !== null) rows.push([`835 ${r.shape}: x12-parser split only`, `${r.x12ParserMBps.toFixed(1)} MB/s`, "reference: no types, no checks"]);
  }
  console.log(`\n${table(rows)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
