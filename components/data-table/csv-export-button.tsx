import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * A link to a CSV route handler with the list's current search, filters and sort (not the page: the
 * export holds every matching row). The route handler authenticates and checks permissions itself.
 */
export function CsvExportButton({
  href,
  query,
  label = "Export CSV",
}: {
  /** e.g. "/api/export/patients" */
  href: string;
  /** UrlListState.exportQuery */
  query: string;
  label?: string;
}) {
  return (
    <Button asChild variant="outline" size="sm">
      <a href={query ? `${href}?${query}` : href} download data-testid="csv-export">
        <Download aria-hidden /> {label}
      </a>
    </Button>
  );
}
