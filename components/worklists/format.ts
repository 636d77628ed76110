/**
 * Worklist wording (client-safe, pure). An indication's label names the disease first and the
 * regimen after it ("Limited-stage SCLC without progression after …"): a queue line shows the
 * disease part, the full label goes in the hover text.
 */
export function shortIndication(name: string): string {
  const cut = name.search(/:|,| \(| with | without | after /);
  const short = (cut > 0 ? name.slice(0, cut) : name).trim();
  return short.length > 0 ? short : name;
}

/** 123456 → "$1,234.56" */
export function formatCharge(cents: number): string {
  return (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
}

/** The link from a worklist line to its infusion: the list (its filters and sort) and the line's place in it travel along for "Next in worklist". */
export function worklistItemHref(id: string, slug: string, listQuery: string, position: number): string {
  const p = new URLSearchParams({ wl: listQuery ? `${slug}?${listQuery}` : slug, pos: String(position) });
  return `/administrations/${id}?${p.toString()}`;
}
