"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";

/** Long text on one line, cut to the column's width, whole on hover. */
export function Clamp({ text, width }: { text: string; width: string }) {
  return (
    <span title={text} className={`block truncate ${width}`}>
      {text}
    </span>
  );
}

export interface SetupColumn<T> {
  header: string;
  cell: (row: T) => React.ReactNode;
  className?: string;
}

/**
 * The list of one kind of practice set-up record (payers, providers, locations): loading and error
 * states, an empty state, the columns given, an active badge, and Edit / Deactivate / Reactivate.
 * Records are deactivated, never deleted: claims and history keep pointing at them.
 */
export function SetupList<T extends { id: string; isActive: boolean }>(props: {
  /** "Payers" */
  title: string;
  /** "payer" — used in buttons, toasts and messages */
  noun: string;
  query: UseQueryResult<T[], { message: string }>;
  columns: SetupColumn<T>[];
  rowTestId: (row: T) => string;
  rowName: (row: T) => string;
  emptyText: string;
  /** What deactivation means for this kind of record. */
  deactivateText: string;
  onAdd: () => void;
  onEdit: (row: T) => void;
  onDeactivate: (row: T) => Promise<unknown>;
  onReactivate: (row: T) => void;
  /** The add/edit dialog. */
  children: React.ReactNode;
}) {
  const { title, noun, query } = props;
  const headingId = `${noun.replace(/\W+/g, "-")}-list-heading`;
  const Noun = `${noun[0]!.toUpperCase()}${noun.slice(1)}`;
  // `?edit=<id>` (a finding's fix link to a payer's or location's setting) opens that record's dialog once.
  const opened = useRef(false);
  const { data } = query;
  const { onEdit } = props;
  useEffect(() => {
    if (opened.current || !data) return;
    const id = new URLSearchParams(window.location.search).get("edit");
    const row = id ? data.find((r) => r.id === id) : undefined;
    if (row) {
      opened.current = true;
      onEdit(row);
    }
  }, [data, onEdit]);
  return (
    <section className="space-y-4" aria-labelledby={headingId}>
      <div className="flex items-center justify-between">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <Button onClick={props.onAdd}>
          <Plus aria-hidden /> Add {noun}
        </Button>
      </div>
      {query.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : query.isError ? (
        <p className="text-sm text-destructive">
          Could not load {title.toLowerCase()}: {query.error.message}
        </p>
      ) : query.data.length === 0 ? (
        <EmptyState title={`No ${title.toLowerCase()} yet`} description={props.emptyText} />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              {props.columns.map((c) => (
                <TableHead key={c.header}>{c.header}</TableHead>
              ))}
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {query.data.map((row) => (
              <TableRow key={row.id} data-testid={props.rowTestId(row)}>
                {props.columns.map((c) => (
                  <TableCell key={c.header} className={c.className}>
                    {c.cell(row)}
                  </TableCell>
                ))}
                <TableCell>{row.isActive ? <Badge variant="success">Active</Badge> : <Badge variant="secondary">Deactivated</Badge>}</TableCell>
                <TableCell className="space-x-2 text-right whitespace-nowrap">
                  <Button variant="outline" size="sm" onClick={() => props.onEdit(row)}>
                    Edit
                  </Button>
                  {row.isActive ? (
                    <ConfirmDialog
                      trigger={
                        <Button variant="outline" size="sm">
                          Deactivate
                        </Button>
                      }
                      variant="destructive"
                      title={`Deactivate ${props.rowName(row)}?`}
                      description={props.deactivateText}
                      confirmLabel="Deactivate"
                      onConfirm={async () => {
                        await props.onDeactivate(row);
                        toast({ title: `${Noun} deactivated`, variant: "success" });
                      }}
                    />
                  ) : (
                    <Button variant="outline" size="sm" onClick={() => props.onReactivate(row)}>
                      Reactivate
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {props.children}
    </section>
  );
}
