"use client";
import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useCan } from "@/components/findings/fix-link";
import { useTRPC } from "@/components/trpc/client";
import { Input } from "@/components/ui/input";
import { formatDate } from "@/server/domain/format";

/**
 * The header's patient search: a name, an MRN or a date of birth (MM/DD/YYYY) → the matching patients
 * of the practice in a list under the box (ARIA combobox: arrows move, Enter opens, Escape closes).
 */
export function PatientSearch() {
  const can = useCan();
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const listId = `${id}-results`;
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // wait for a pause in typing before asking the server
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);
  const enabled = can("patient.read") && q.length >= 2;
  const results = useQuery(trpc.patients.search.queryOptions({ q }, { enabled, staleTime: 30_000 }));
  if (!can("patient.read")) return null;
  const hits = enabled ? (results.data ?? []) : [];
  const expanded = open && enabled && !results.isPending;
  const go = (patientId: string) => {
    setOpen(false);
    setText("");
    setQ("");
    router.push(`/patients/${patientId}`);
  };
  return (
    <div className="relative w-80" role="search">
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
      <Input
        type="search"
        role="combobox"
        aria-label="Find a patient"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 && hits[active] ? `${listId}-${active}` : undefined}
        placeholder="Patient: name, MRN or MM/DD/YYYY"
        className="h-8 pl-8"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && hits.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === "ArrowUp" && hits.length > 0) {
            e.preventDefault();
            setActive((a) => (a <= 0 ? hits.length - 1 : a - 1));
          } else if (e.key === "Enter") {
            const hit = hits[active >= 0 ? active : hits.length === 1 ? 0 : -1];
            if (hit) {
              e.preventDefault();
              go(hit.id);
            }
          } else if (e.key === "Escape") {
            setOpen(false);
            setActive(-1);
          }
        }}
        data-testid="patient-search"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Patients found"
        hidden={!expanded}
        className="absolute top-full right-0 left-0 z-50 mt-1 max-h-80 overflow-y-auto rounded-md border bg-popover p-1 text-sm text-popover-foreground shadow-md"
      >
        {results.isError ? (
          <li role="option" aria-selected={false} aria-disabled className="px-2 py-1.5 text-destructive">
            {results.error.message}
          </li>
        ) : hits.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled className="px-2 py-1.5 text-muted-foreground">
            No patient found.
          </li>
        ) : (
          hits.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="flex cursor-pointer items-baseline justify-between gap-2 rounded-sm px-2 py-1.5 aria-selected:bg-accent aria-selected:text-accent-foreground hover:bg-accent"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(p.id)}
            >
              <span className="truncate font-medium">
                {p.lastName}, {p.firstName}
              </span>
              <span className="shrink-0 text-xs text-muted-foreground">
                MRN <span className="font-mono">{p.mrn}</span> · {formatDate(p.dateOfBirth)}
              </span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
