"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, FileUp } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import type { RouterOutputs } from "@/components/trpc/types";

type Tables = RouterOutputs["referenceData"]["tables"];
type Preview = RouterOutputs["referenceData"]["previewUpload"];

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

export function ReferenceDataView({ tables, table }: { tables: Tables; table: Tables[number]["key"] }) {
  const trpc = useTRPC();
  const current = tables.find((t) => t.key === table)!;
  const rows = useQuery(trpc.referenceData.rows.queryOptions({ table }));
  const columns = rows.data?.rows[0] ? Object.keys(rows.data.rows[0]).filter((c) => c !== "source") : [];
  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Reference tables" className="flex flex-col gap-1">
        {tables.map((t) => (
          <Link
            key={t.key}
            href={`/admin/reference?table=${t.key}`}
            aria-current={t.key === table ? "page" : undefined}
            className={cn(
              "flex items-center justify-between rounded-md px-3 py-2 text-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
              t.key === table && "bg-accent font-medium",
            )}
          >
            {t.label}
            <span className="text-xs text-muted-foreground">{t.rows}</span>
          </Link>
        ))}
      </nav>
      <div className="min-w-0 space-y-6">
        <UploadCard table={table} label={current.label} />
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">{current.label}</CardTitle>
            <CardDescription>
              {current.rows} rows in force. Rows are identified by {current.naturalKey.join(" + ")}; every row cites its source.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {rows.isPending ? (
              <Skeleton className="h-40 w-full" />
            ) : rows.isError ? (
              <p className="text-sm text-destructive">{rows.error.message}</p>
            ) : (
              <div className="max-h-[32rem] overflow-auto">
                <Table>
                  <TableHeader>
                    <TableRow>
                      {columns.map((c) => (
                        <TableHead key={c}>{c}</TableHead>
                      ))}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.data.rows.map((r, i) => (
                      <TableRow key={i}>
                        {columns.map((c) => (
                          <TableCell key={c} className="max-w-xs truncate text-xs" title={show(r[c])}>
                            {show(r[c])}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

function UploadCard({ table, label }: { table: Tables[number]["key"]; label: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  // Changing the key remounts the file input, which clears the chosen file.
  const [fileKey, setFileKey] = useState(0);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const reset = () => {
    setCsv(null);
    setPreview(null);
    setFileKey((k) => k + 1);
  };
  const check = useMutation(
    trpc.referenceData.previewUpload.mutationOptions({
      onSuccess: setPreview,
      onError: (e) => toast({ title: "Could not read the file", description: e.message, variant: "destructive" }),
    }),
  );
  const apply = useMutation(
    trpc.referenceData.applyUpload.mutationOptions({
      onSuccess: (r) => {
        toast({
          title: `${label} updated`,
          description: `${r.counts.added} added, ${r.counts.changed} changed, ${r.counts.removed} removed.`,
          variant: "success",
        });
        reset();
        void qc.invalidateQueries({ queryKey: trpc.referenceData.pathKey() });
      },
      onError: (e) => toast({ title: "Not loaded", description: e.message, variant: "destructive" }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle asHeading="h2">Load a new version</CardTitle>
        <CardDescription>
          Download the table, edit it or take the new quarterly file, and upload it as CSV with the same columns. You see
          every change and every problem before anything is applied.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <Button variant="outline" asChild>
            <a href={`/api/export/reference/${table}`} download>
              <Download aria-hidden /> Download CSV
            </a>
          </Button>
          <div className="space-y-1">
            <Label htmlFor="reference-file">CSV file</Label>
            <input
              id="reference-file"
              key={fileKey}
              type="file"
              accept=".csv,text/csv"
              className="block text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                setPreview(null);
                setCsv(f ? await f.text() : null);
              }}
            />
          </div>
          <Button disabled={!csv || check.isPending} onClick={() => csv && check.mutate({ table, csv })}>
            <FileUp aria-hidden /> {check.isPending ? "Checking…" : "Check file"}
          </Button>
        </div>
        {preview && (
          <div className="space-y-3" data-testid="upload-preview">
            <p className="text-sm">
              {preview.counts.uploaded} rows in the file, {preview.counts.current} in force:{" "}
              <Badge variant="success">{preview.counts.added} added</Badge>{" "}
              <Badge variant="warning">{preview.counts.changed} changed</Badge>{" "}
              <Badge variant="destructive">{preview.counts.removed} removed</Badge>{" "}
              <Badge variant="outline">{preview.counts.unchanged} unchanged</Badge>
            </p>
            {preview.problemCount > 0 && (
              <div>
                <h3 className="text-sm font-medium text-destructive">
                  {preview.problemCount} problem(s): nothing can be loaded until they are fixed
                </h3>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Line</TableHead>
                      <TableHead>Field</TableHead>
                      <TableHead>Problem</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {preview.problems.map((p, i) => (
                      <TableRow key={i}>
                        <TableCell>{p.line || "—"}</TableCell>
                        <TableCell className="font-mono text-xs">{p.field || "—"}</TableCell>
                        <TableCell>{p.message}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            {preview.changes.length > 0 && (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Row</TableHead>
                    <TableHead>Change</TableHead>
                    <TableHead>Before → after</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {preview.changes.map((c) => (
                    <TableRow key={`${c.kind}-${c.key}`}>
                      <TableCell className="font-mono text-xs">{c.key}</TableCell>
                      <TableCell>{c.kind}</TableCell>
                      <TableCell className="text-xs">
                        {c.fields
                          ? Object.entries(c.fields).map(([f, [a, b]]) => (
                              <div key={f}>
                                <span className="font-mono">{f}</span>: {show(a)} → {show(b)}
                              </div>
                            ))
                          : "—"}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <div className="flex gap-2">
              <Button
                disabled={!preview.canApply || apply.isPending}
                onClick={() => csv && apply.mutate({ table, csv, baseFingerprint: preview.baseFingerprint })}
              >
                {apply.isPending ? "Loading…" : "Confirm and load"}
              </Button>
              <Button variant="outline" onClick={reset}>
                Cancel
              </Button>
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
