"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import Link from "next/link";
import { CsvExportButton } from "@/components/data-table/csv-export-button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  PATIENT_SORTS,
  type PatientSort,
  type TPatientListItem,
} from "@/server/api/routers/patients/schemas";
import { SEX_LABELS } from "@/server/domain/patients/codes";
import { formatUsPhone, usDate } from "./format";

const COLUMNS: DataTableColumn<TPatientListItem, PatientSort>[] = [
  {
    id: "name",
    header: "Name",
    sortKey: "name",
    cell: (p) => (
      <Link href={`/patients/${p.id}`} className="font-medium underline-offset-4 hover:underline">
        {p.lastName}, {p.firstName}
      </Link>
    ),
  },
  { id: "mrn", header: "MRN", sortKey: "mrn", cell: (p) => <span className="font-mono">{p.mrn}</span> },
  { id: "dob", header: "Date of birth", sortKey: "dob", cell: (p) => usDate(p.dateOfBirth) },
  { id: "sex", header: "Sex", cell: (p) => SEX_LABELS[p.sex] },
  { id: "city", header: "City", cell: (p) => `${p.city}, ${p.state}` },
  { id: "phone", header: "Phone", cell: (p) => formatUsPhone(p.phone), className: "whitespace-nowrap" },
  {
    id: "primary",
    header: "Primary payer today",
    cell: (p) => p.primaryPayerName ?? <span className="text-muted-foreground">None</span>,
  },
];

/** The practice's patients: search, sort and pages all live in the URL. */
export function PatientsList({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const list = useUrlListState({ sortKeys: PATIENT_SORTS, defaults: { sort: "name", dir: "asc" } });
  const query = useQuery(trpc.patients.list.queryOptions(list.params, { placeholderData: keepPreviousData }));
  return (
    <section className="space-y-4" aria-label="Patients">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <DataTableSearch
          state={list}
          label="Search patients"
          placeholder="Name, “last, first”, MRN or date of birth"
          className="w-full max-w-md"
        />
        <CsvExportButton href="/api/export/patients" query={list.exportQuery} />
      </div>
      <DataTable
        label="Patients"
        columns={COLUMNS}
        data={query.data}
        state={list}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(p) => p.id}
        rowProps={(p) => ({ "data-testid": `patient-row-${p.mrn}` })}
        empty={
          list.q ? (
            <EmptyState
              icon={Users}
              title="No patient matches"
              description={`Nothing matches “${list.q}”. Search by part of a name, “last, first”, an MRN, or a date of birth (MM/DD/YYYY).`}
              action={
                <Button variant="outline" onClick={() => list.setQuery("")}>
                  Clear the search
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={Users}
              title="No patients yet"
              description="Registered patients appear here with their primary payer."
              action={
                canWrite ? (
                  <Button asChild>
                    <Link href="/patients/new">New patient</Link>
                  </Button>
                ) : undefined
              }
            />
          )
        }
      />
    </section>
  );
}
