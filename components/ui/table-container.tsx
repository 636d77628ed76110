"use client";
import * as React from "react";

/**
 * The wrapper that lets a wide table scroll horizontally without breaking the page. When (and only
 * when) the table is wider than its box, the box joins the tab order and shows a focus ring, so
 * keyboard users can scroll it with the arrow keys; tables that fit add no tab stop.
 */
export function TableContainer({ children, label }: { children: React.ReactNode; label?: string }) {
  const ref = React.useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = React.useState(false);
  React.useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      data-slot="table-container"
      className="relative w-full overflow-x-auto rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label ? `${label} (scrolls sideways)` : "Table (scrolls sideways)" } : {})}
    >
      {children}
    </div>
  );
}
