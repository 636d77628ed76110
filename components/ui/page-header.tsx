import * as React from "react";

import { cn } from "@/components/ui/cn";

type PageHeaderProps = Omit<React.ComponentProps<"div">, "title"> & {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or menus shown at the right (below the title on small screens). */
  actions?: React.ReactNode;
};

/** The page's single <h1>, an optional description, and an actions slot. */
function PageHeader({ title, description, actions, className, children, ...props }: PageHeaderProps) {
  return (
    <div
      data-slot="page-header"
      className={cn("flex flex-col gap-4 pb-6 sm:flex-row sm:items-start sm:justify-between", className)}
      {...props}
    >
      <div className="flex min-w-0 flex-col gap-1">
        <h1 data-slot="page-header-title" className="text-2xl font-semibold tracking-tight">
          {title}
        </h1>
        {description ? (
          <p data-slot="page-header-description" className="text-sm text-muted-foreground">
            {description}
          </p>
        ) : null}
        {children}
      </div>
      {actions ? (
        <div data-slot="page-header-actions" className="flex shrink-0 flex-wrap items-center gap-2">
          {actions}
        </div>
      ) : null}
    </div>
  );
}

export { PageHeader, type PageHeaderProps };
