"use client";
import { useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { TUploadResult } from "@/server/api/routers/remittances/schemas";

type Result = { name: string; ok: true; result: TUploadResult } | { name: string; ok: false; message: string };

const OUTCOME_TEXT: Record<TUploadResult["outcome"], string> = {
  queued: "Queued for posting",
  same_file: "Already uploaded",
  duplicate_payment: "Payment already posted",
  not_posted: "Not postable",
};

/** Upload one or several 835 files; each is stored as received, then posted by the background job. */
export function RemittanceUpload() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Result[]>([]);
  async function upload(files: File[]) {
    setBusy(true);
    const out: Result[] = [];
    for (const f of files) {
      const body = new FormData();
      body.set("file", f);
      try {
        const res = await fetch("/api/remittances/upload", { method: "POST", body });
        if (res.ok) out.push({ name: f.name, ok: true, result: (await res.json()) as TUploadResult });
        else out.push({ name: f.name, ok: false, message: (await res.text()) || `The upload failed (${res.status}).` });
      } catch {
        out.push({ name: f.name, ok: false, message: "The upload did not reach the server. Check the connection and try again." });
      }
      setResults([...out]);
      void qc.invalidateQueries({ queryKey: trpc.remittances.files.queryKey() });
    }
    void qc.invalidateQueries({ queryKey: trpc.remittances.payments.queryKey() });
    setBusy(false);
    if (input.current) input.current.value = "";
  }
  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const files = [...(input.current?.files ?? [])];
          if (files.length) void upload(files);
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor="remit-files">835 files</Label>
          <input
            id="remit-files"
            ref={input}
            type="file"
            multiple
            accept=".835,.txt,.edi,.x12,.dat"
            className="block w-96 text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </div>
        <Button type="submit" disabled={busy}>
          <Upload aria-hidden /> {busy ? "Uploading…" : "Upload and post"}
        </Button>
        <p className="text-xs text-muted-foreground">Each file is kept exactly as received. The same file or the same payment (trace number and payer) posts only once.</p>
      </form>
      {results.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Upload results" aria-live="polite">
          {results.map((r, i) => (
            <li key={i} className={r.ok && r.result.outcome === "queued" ? "" : "text-destructive"} data-testid="upload-result">
              <span className="font-medium">{r.name}</span>: {r.ok ? `${OUTCOME_TEXT[r.result.outcome]}. ${r.result.message}` : r.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
