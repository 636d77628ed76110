import * as React from "react";

import { cn } from "@/components/ui/cn";

type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  /** A lucide icon component, e.g. `icon={InboxIcon}`. */
  icon?: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" | "false" }>;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** A button or link, e.g. `<Button asChild><Link href="...">Create</Link></Button>`. */
  action?: React.ReactNode;
  /** Heading level of the title, to fit the page outline. */
  headingLevel?: "h2" | "h3" | "h4";
};

/** Placeholder saying what will appear in this spot, and how to make it appear. */
function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  headingLevel = "h3",
  className,
  children,
  ...props
}: EmptyStateProps) {
  const Heading = headingLevel;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed p-8 text-center text-balance",
        className,
      )}
      {...props}
    >
      {Icon ? (
        <div
          data-slot="empty-state-icon"
          className="flex size-10 items-center justify-center rounded-lg bg-muted text-muted-foreground [&_svg:not([class*='size-'])]:size-5"
        >
          <Icon aria-hidden="true" />
        </div>
      ) : null}
      <div className="flex max-w-sm flex-col items-center gap-1">
        <Heading data-slot="empty-state-title" className="text-base font-medium">
          {title}
        </Heading>
        {description ? (
          <p data-slot="empty-state-description" className="text-sm text-muted-foreground">
            {description}
          </p>
        ) : null}
      </div>
      {children}
      {action ? (
        <div data-slot="empty-state-action" className="flex flex-wrap items-center justify-center gap-2">
          {action}
        </div>
      ) : null}
    </div>
  );
}

export { EmptyState, type EmptyStateProps };
