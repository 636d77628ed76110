/**
 * `npm run bench:engine`: the engine's two performance figures side by side, in one run.
 *  - preview: µs per preview (build + scrub) over varied scenarios, from scripts/bench-preview.ts
 *  - 835 parse: MB/s of our reader and of node-x12 on the same generated ~50 MB remittance
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchParse835 } from "./bench/x12-parse-bench";

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

async function main(): Promise<void> {
  console.log(`bench:engine — node ${process.version}, ${process.platform}/${process.arch}\n`);
  const preview = await runPreview();
  const x12 = await benchParse835({ log: (s) => console.log(`  [835] ${s}`) });

  const rows: [string, string, string][] = [["measure", "value", "target"]];
  if (typeof preview === "string") rows.push(["preview (build + scrub)", preview, "≤ 20 µs"]);
  else {
    for (const [k, v] of Object.entries(preview)) rows.push([`preview ${k}`, fmt(v), /us|µs|micros/i.test(k) ? "≤ 20 µs" : ""]);
  }
  rows.push(
    ["835 file size", `${x12.sizeMB.toFixed(1)} MB (${x12.claims} claims, ${x12.segments} segments)`, "~50 MB"],
    ["835 parse, ours (full typed parse, best of 5)", `${x12.oursMBps.toFixed(1)} MB/s`, ""],
    ["835 parse, node-x12 (object model, best of 2)", `${x12.nodeX12MBps.toFixed(2)} MB/s${x12.nodeX12SizeMB !== x12.sizeMB ? ` on ${x12.nodeX12SizeMB.toFixed(1)} MB` : ""}`, ""],
    ["835 ratio ours / node-x12", `${x12.ratio.toFixed(1)}×`, "≥ 10×"],
    ["835 split only, x12-parser (reference)", `${x12.x12ParserMBps.toFixed(1)} MB/s`, "no types, no checks"],
  );
  console.log(`\n${table(rows)}`);
  if (x12.note) console.log(`\nnote: ${x12.note}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
