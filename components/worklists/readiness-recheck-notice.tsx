"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc/client";

const n = new Intl.NumberFormat("en-US");

/**
 * While the practice's readiness is being rechecked in the background (after a shared reference
 * upload, a fee schedule price, or a payer or location change touching many infusions), one line
 * above the worklists says what is being rechecked and how far it has come. It asks again every 3 s
 * while the recheck runs; when it ends the lists and their counts are read again.
 */
export function ReadinessRecheckNotice() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const query = useQuery(trpc.worklists.recheck.queryOptions(undefined, { refetchInterval: (q) => (q.state.data ? 3000 : false) }));
  const running = useRef(false);
  const r = query.data ?? null;
  useEffect(() => {
    if (r) running.current = true;
    else if (running.current) {
      running.current = false;
      void qc.invalidateQueries({ queryKey: trpc.worklists.list.queryKey() });
      router.refresh();
    }
  }, [r, qc, trpc, router]);
  if (!r) return null;
  const text = `Rechecking readiness after “${r.reason}”: ${n.format(r.done)} of ${n.format(r.total)} infusions done. Lines not rechecked yet show the earlier result.`;
  return (
    <p
      role="status"
      data-testid="readiness-recheck"
      className="truncate rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm"
      title={`${text} Claims are always built and scrubbed against the data in force.`}
    >
      {text}
    </p>
  );
}
