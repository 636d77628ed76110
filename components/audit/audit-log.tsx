"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TAuditEvent } from "@/server/api/routers/audit/schemas";
import { auditActionLabel, entityTypeLabel, formatDate, formatDateTime } from "@/server/domain/format";

/** "Infusion C2D1 · 03/04/2026", "Claim 2026-000123"; the short id only when the record has no name. */
function recordLabel(e: TAuditEvent): string {
  if (e.entityType === "administration" && e.administrationCycle !== null) {
    return `Infusion C${e.administrationCycle}D${e.administrationDay ?? 1} · ${formatDate(e.administrationDate)}`;
  }
  if (e.entityType === "order" && e.orderStartDate) return `Order starting ${formatDate(e.orderStartDate)}`;
  if (e.entityType === "claim" && e.claimNumber) return `Claim ${e.claimNumber}`;
  if (e.entityType === "patient" && e.patientName) return "Patient record";
  return `${entityTypeLabel(e.entityType)} ${e.entityId.slice(0, 8)}`;
}

/** Filters live in the URL so a filtered view can be bookmarked or shared. */
export function AuditLog() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = {
    entityType: params.get("entityType") || undefined,
    entityId: params.get("entityId") || undefined,
    actorUserId: params.get("actor") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`);
  };
  const users = useQuery(trpc.users.list.queryOptions());
  const entityTypes = useQuery(trpc.audit.entityTypes.queryOptions());
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { ...filter, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      <form
        className="grid gap-3 sm:grid-cols-4"
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="space-y-1">
          <Label htmlFor="f-entity">Record type</Label>
          <NativeSelect
            id="f-entity"
            value={filter.entityType ?? ""}
            onChange={(e) => setParam("entityType", e.target.value)}
          >
            <NativeSelectOption value="">All</NativeSelectOption>
            {(entityTypes.data ?? []).map((t) => (
              <NativeSelectOption key={t} value={t}>
                {entityTypeLabel(t)}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-actor">User</Label>
          <NativeSelect
            id="f-actor"
            value={filter.actorUserId ?? ""}
            onChange={(e) => setParam("actor", e.target.value)}
          >
            <NativeSelectOption value="">Anyone</NativeSelectOption>
            {users.data?.map((u) => (
              <NativeSelectOption key={u.id} value={u.id}>
                {u.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-from">From</Label>
          <Input
            id="f-from"
            type="date"
            value={filter.from ?? ""}
            onChange={(e) => setParam("from", e.target.value)}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="f-to">To</Label>
          <Input
            id="f-to"
            type="date"
            value={filter.to ?? ""}
            onChange={(e) => setParam("to", e.target.value)}
          />
        </div>
      </form>
      {events.isPending ? (
        <Skeleton className="h-48 w-full" />
      ) : events.isError ? (
        <p className="text-sm text-destructive">Could not load the audit log: {events.error.message}</p>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={History}
          title="No events match"
          description="Change the filters to see more of the audit trail."
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Record</TableHead>
              <TableHead>Change</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((e) => (
              <TableRow key={e.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TableCell>
                <TableCell>{e.actorName ?? "System"}</TableCell>
                <TableCell title={e.action}>{auditActionLabel(e.action)}</TableCell>
                <TableCell className="text-xs">
                  {recordLabel(e)}
                  {e.patientName && <span className="text-muted-foreground"> · {e.patientName}</span>}
                </TableCell>
                <TableCell className="max-w-md">
                  <details>
                    <summary className="cursor-pointer text-xs text-muted-foreground">before / after</summary>
                    <pre className="mt-1 overflow-x-auto rounded bg-muted p-2 text-xs">
                      {JSON.stringify({ before: e.before, after: e.after }, null, 2)}
                    </pre>
                  </details>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {events.hasNextPage && (
        <Button variant="outline" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? "Loading…" : "Load older events"}
        </Button>
      )}
    </div>
  );
}
