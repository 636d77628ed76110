"use client";
import { useMutation } from "@tanstack/react-query";
import { Paperclip, Upload } from "lucide-react";
import { useId, useState } from "react";
import { dateTime } from "@/components/claims/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import type { TRequestDetail } from "@/server/api/routers/prior-auths/schemas";
import { PA_ATTACHMENT_MAX_BYTES } from "@/server/domain/prior-auth/codes";
import { fileToBase64 } from "./field-errors";

const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Supporting documents: listed with their size and who added them, downloaded (never shown inline), uploaded as PDF or image. */
export function AttachmentsCard({ detail, onAdded }: { detail: TRequestDetail; onAdded: () => void }) {
  const trpc = useTRPC();
  const id = useId();
  const [inputKey, setInputKey] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = useMutation(
    trpc.priorAuths.addAttachment.mutationOptions({
      onSuccess: (a) => {
        toast({ title: `${a.fileName} attached`, variant: "success" });
        setFile(null);
        setDescription("");
        setError(null);
        setInputKey((k) => k + 1);
        onAdded();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const r = detail.request;
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle asHeading="h2">Attachments</CardTitle>
        <CardDescription>Notes, pathology, imaging reports sent with the request. PDF, PNG, JPEG or TIFF, at most {PA_ATTACHMENT_MAX_BYTES / 1048576} MB.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {detail.attachments.length ? (
          <ul className="divide-y text-sm" data-testid="pa-attachments">
            {detail.attachments.map((a) => (
              <li key={a.id} className="flex items-center gap-2 py-1.5">
                <Paperclip aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                <a href={`/api/prior-auths/${r.id}/attachments/${a.id}`} download className="min-w-0 truncate underline-offset-4 hover:underline">
                  {a.fileName}
                </a>
                <span className="shrink-0 text-muted-foreground">
                  {size(a.sizeBytes)}
                  {a.description ? ` · ${a.description}` : ""} · {a.uploadedBy ?? "unknown"}, {dateTime(a.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">None yet.</p>
        )}
        {detail.actions.attach ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!file) return setError("Choose a file.");
              if (file.size > PA_ATTACHMENT_MAX_BYTES) return setError(`The file is ${size(file.size)}; the limit is ${PA_ATTACHMENT_MAX_BYTES / 1048576} MB.`);
              add.mutate({ requestId: r.id, fileName: file.name, contentBase64: await fileToBase64(file), description: description.trim() || null });
            }}
          >
            <div className="grid gap-1">
              <Label htmlFor={`${id}-file`}>File</Label>
              <Input key={inputKey} id={`${id}-file`} type="file" accept="application/pdf,image/png,image/jpeg,image/tiff" onChange={(e) => setFile(e.target.files?.[0] ?? null)} className="w-72" />
            </div>
            <div className="grid flex-1 gap-1">
              <Label htmlFor={`${id}-desc`}>Description (optional)</Label>
              <Input id={`${id}-desc`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} placeholder="e.g. PD-L1 pathology report" />
            </div>
            <Button type="submit" variant="outline" disabled={add.isPending}>
              <Upload aria-hidden /> Attach
            </Button>
            {error ? (
              <p className="w-full text-sm text-destructive" role="alert">
                {error}
              </p>
            ) : null}
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
