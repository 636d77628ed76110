"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RouterOutputs } from "@/components/trpc/types";
import { REFERENCE_TABLE_SPECS } from "@/server/domain/reference-file";
import { formatDateTime } from "@/server/domain/format";

type Event = RouterOutputs["referenceData"]["platformAudit"]["items"][number];


const ACTIONS: Record<string, string> = {
  "referenceData.version_loaded": "Reference version loaded",
  "operator.created": "Operator created",
  "operator.deactivated": "Operator deactivated",
  "operator.locked": "Operator locked after failed sign-ins",
  "auth.sign_in": "Operator signed in",
  "auth.sign_in_failed": "Operator sign-in failed",
};

const tableLabel = (key: string) => REFERENCE_TABLE_SPECS.find((t) => t.key === key)?.label ?? key;

function describe(e: Event): string {
  const after = (e.after ?? {}) as Record<string, unknown>;
  if (e.action === "referenceData.version_loaded") {
    const table = tableLabel(e.entityId);
    return `${table}: version ${String(after.version)} (${String(after.added ?? 0)} added, ${String(after.changed ?? 0)} changed, ${String(after.removed ?? 0)} removed)`;
  }
  if (e.action === "operator.created" && typeof after.email === "string") return after.email;
  return "";
}

/** The platform audit trail, newest first: what the platform operator changed for every practice. */
export function PlatformAuditTrail() {
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.referenceData.platformAudit.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  if (q.isPending) return <Skeleton className="h-40 w-full" />;
  if (q.isError) return <p className="text-sm text-destructive">{q.error.message}</p>;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return <EmptyState title="Nothing yet" description="When the platform operator loads a new reference version, it is listed here for every practice." />;
  }
  return (
    <div className="space-y-3">
      <Table data-testid="platform-audit">
        <TableHeader>
          <TableRow>
            <TableHead className="w-52">When</TableHead>
            <TableHead className="w-72">What</TableHead>
            <TableHead>Details</TableHead>
            <TableHead className="w-48">By</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((e) => (
            <TableRow key={e.seq}>
              <TableCell>{formatDateTime(e.createdAt)}</TableCell>
              <TableCell>{ACTIONS[e.action] ?? e.action}</TableCell>
              <TableCell>{describe(e)}</TableCell>
              <TableCell>{e.operatorName}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {q.hasNextPage && (
        <Button variant="outline" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage ? "Loading…" : "Show older"}
        </Button>
      )}
    </div>
  );
}
