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
import { formatDateTime, humanize } from "@/server/domain/format";

type Tables = RouterOutputs["referenceData"]["tables"];
type Preview = RouterOutputs["referenceData"]["previewUpload"];

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * The shared reference tables. The platform operator ("operator") loads new versions here; practice
 * administrators ("practice") view, download and compare the versions, and cannot load one.
 */
export function ReferenceDataView({
  tables,
  table,
  mode,
  basePath,
}: {
  tables: Tables;
  table: Tables[number]["key"];
  mode: "operator" | "practice";
  basePath: string;
}) {
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
            href={`${basePath}?table=${t.key}`}
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
        {mode === "operator" ? <UploadCard table={table} label={current.label} /> : <SharedNotice />}
        <VersionsCard table={table} />
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
                        <TableHead key={c} title={c}>
                          {humanize(c)}
                        </TableHead>
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

function SharedNotice() {
  return (
    <p className="rounded-md border bg-card p-3 text-sm" data-testid="reference-shared-notice">
      These tables are shared by every practice and maintained by the platform operator. You can view, download and
      compare their versions; each version loaded is listed in the audit log under “Platform (reference data)”.
    </p>
  );
}

type VersionRef = number | "current";
const versionLabel = (v: VersionRef) => (v === "current" ? "in force" : `version ${v}`);

/** Every version of the table that was in force; any two can be compared and each downloaded. */
function VersionsCard({ table }: { table: Tables[number]["key"] }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.referenceData.versions.queryOptions({ table }));
  const [pair, setPair] = useState<{ from: VersionRef; to: VersionRef } | null>(null);
  const diff = useQuery({ ...trpc.referenceData.compareVersions.queryOptions({ table, from: pair?.from ?? "current", to: pair?.to ?? "current" }), enabled: !!pair });
  return (
    <Card>
      <CardHeader>
        <CardTitle asHeading="h2">Versions</CardTitle>
        <CardDescription>Every version of this table that was in force, newest first. Compare one with the one before it, or download it.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {versions.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : versions.isError ? (
          <p className="text-sm text-destructive">{versions.error.message}</p>
        ) : versions.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">The table as installed is in force; no new version has been loaded yet.</p>
        ) : (
          <Table data-testid="reference-versions">
            <TableHeader>
              <TableRow>
                <TableHead>Version</TableHead>
                <TableHead>Loaded</TableHead>
                <TableHead>By</TableHead>
                <TableHead>Rows</TableHead>
                <TableHead>Changes</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {versions.data.map((v) => (
                <TableRow key={v.version}>
                  <TableCell>{v.version}</TableCell>
                  <TableCell>{formatDateTime(v.appliedAt)}</TableCell>
                  <TableCell>{v.appliedBy}</TableCell>
                  <TableCell>{v.rowCount}</TableCell>
                  <TableCell>{v.counts ? `${v.counts.added} added, ${v.counts.changed} changed, ${v.counts.removed} removed` : "—"}</TableCell>
                  <TableCell className="space-x-2 text-right">
                    {v.version > 1 && (
                      <Button variant="outline" size="sm" onClick={() => setPair({ from: v.version - 1, to: v.version })}>
                        Compare with version {v.version - 1}
                      </Button>
                    )}
                    <Button variant="outline" size="sm" asChild>
                      <a href={`/api/export/reference/${table}?version=${v.version}`} download>
                        <Download aria-hidden /> CSV
                      </a>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {pair && (
          <div className="space-y-2" data-testid="version-comparison">
            <h3 className="text-sm font-medium">
              From {versionLabel(pair.from)} to {versionLabel(pair.to)}
            </h3>
            {diff.isPending ? (
              <Skeleton className="h-16 w-full" />
            ) : diff.isError ? (
              <p className="text-sm text-destructive">{diff.error.message}</p>
            ) : (
              <ChangesTable changes={diff.data.changes} />
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function ChangesTable({ changes }: { changes: Preview["changes"] }) {
  if (changes.length === 0) return <p className="text-sm text-muted-foreground">No differences.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Row</TableHead>
          <TableHead>Change</TableHead>
          <TableHead>Before → after</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {changes.map((c) => (
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
          description:
            `${r.counts.added} added, ${r.counts.changed} changed, ${r.counts.removed} removed.` +
            (r.practicesRechecking > 0
              ? ` Readiness is being rechecked in the background at ${r.practicesRechecking} practice${r.practicesRechecking === 1 ? "" : "s"}; their worklists show the progress.`
              : ""),
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
        <CardTitle asHeading="h2">Load a new version for every practice</CardTitle>
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
            {preview.changes.length > 0 && <ChangesTable changes={preview.changes} />}
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
