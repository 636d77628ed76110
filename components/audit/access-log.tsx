"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PHI_ACCESS_ACTIONS, type TPhiAccessEntry } from "@/server/api/routers/audit/schemas";
import { formatDateTime } from "@/server/domain/format";


const WHAT: Record<string, string> = {
  patient: "Patient record",
  order: "Order",
  administration: "Infusion",
  episode: "Episode timeline",
  "export:patients": "Patient list download",
  "export:worklist": "Worklist download",
};
export function accessWhat(entityType: string): string {
  return WHAT[entityType] ?? entityType.replace(/^export:/, "Download: ").replace(/[_-]/g, " ");
}

function Outcome({ e }: { e: TPhiAccessEntry }) {
  if (e.action === "view") return <Badge variant="outline">Viewed</Badge>;
  if (e.action === "export") return <Badge variant="secondary">Downloaded</Badge>;
  return (
    <Badge variant="destructive" title={e.entityId}>
      {e.reason === "role" ? "Refused: role not allowed" : "Refused: not in this practice"}
    </Badge>
  );
}

/**
 * Who viewed or downloaded which patient's records, and refused attempts. One line per user,
 * patient and hour: the time shown is the first access in that hour. Filters live in the URL.
 */
export function AccessLog() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const outcome = params.get("outcome");
  const action = PHI_ACCESS_ACTIONS.find((a) => a === outcome);
  const filter = {
    q: params.get("q") || undefined,
    userId: params.get("user") || undefined,
    patientId: params.get("patient") || undefined,
    action,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`);
  };
  const [q, setQ] = useState(filter.q ?? "");
  useEffect(() => {
    const t = setTimeout(() => {
      if (q !== (filter.q ?? "")) setParam("q", q.trim());
    }, 300);
    return () => clearTimeout(t);
  });
  const users = useQuery(trpc.users.list.queryOptions());
  const events = useInfiniteQuery(
    trpc.audit.access.infiniteQueryOptions({ ...filter, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <form className="grid gap-3 sm:grid-cols-5" aria-label="Filter the access log" onSubmit={(e) => e.preventDefault()}>
        <div className="space-y-1">
          <Label htmlFor="a-q">Patient (name or MRN)</Label>
          <Input id="a-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. Olson" />
        </div>
        <div className="space-y-1">
          <Label htmlFor="a-user">User</Label>
          <NativeSelect id="a-user" value={filter.userId ?? ""} onChange={(e) => setParam("user", e.target.value)}>
            <NativeSelectOption value="">Anyone</NativeSelectOption>
            {users.data?.map((u) => (
              <NativeSelectOption key={u.id} value={u.id}>
                {u.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="a-outcome">Outcome</Label>
          <NativeSelect id="a-outcome" value={filter.action ?? ""} onChange={(e) => setParam("outcome", e.target.value)}>
            <NativeSelectOption value="">All</NativeSelectOption>
            <NativeSelectOption value="view">Viewed</NativeSelectOption>
            <NativeSelectOption value="export">Downloaded</NativeSelectOption>
            <NativeSelectOption value="refused">Refused</NativeSelectOption>
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="a-from">From</Label>
          <Input id="a-from" type="date" value={filter.from ?? ""} onChange={(e) => setParam("from", e.target.value)} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="a-to">To</Label>
          <Input id="a-to" type="date" value={filter.to ?? ""} onChange={(e) => setParam("to", e.target.value)} />
        </div>
      </form>
      {events.isPending ? (
        <Skeleton className="h-48 w-full" />
      ) : events.isError ? (
        <p className="text-sm text-destructive">Could not load the access log: {events.error.message}</p>
      ) : rows.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="No access matches" description="Change the filters to see more of the access log." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When (first in the hour)</TableHead>
              <TableHead>User</TableHead>
              <TableHead>Patient</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((e) => (
              <TableRow key={e.id} data-testid="access-row">
                <TableCell className="whitespace-nowrap">{formatDateTime(e.firstAt)}</TableCell>
                <TableCell>{e.userName}</TableCell>
                <TableCell>
                  {e.patientId && e.patientLastName ? (
                    <Link href={`/patients/${e.patientId}`} className="hover:underline">
                      {e.patientLastName}, {e.patientFirstName} <span className="text-muted-foreground">· MRN {e.patientMrn}</span>
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                <TableCell>{accessWhat(e.entityType)}</TableCell>
                <TableCell>
                  <Outcome e={e} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {events.hasNextPage && (
        <Button variant="outline" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? "Loading…" : "Load older entries"}
        </Button>
      )}
    </div>
  );
}
