import * as React from "react";
import { ChevronDownIcon } from "lucide-react";

import { cn } from "@/components/ui/cn";
import { fieldClassName } from "@/components/ui/input";

/**
 * A real <select>, styled like Input. Prefer it for plain forms: it works without JS,
 * submits with FormData, and Playwright drives it with `selectOption`.
 * `className` styles the <select>; `wrapperClassName` the positioning box around it.
 */
function NativeSelect({
  className,
  wrapperClassName,
  children,
  ...props
}: React.ComponentProps<"select"> & { wrapperClassName?: string }) {
  return (
    <div data-slot="native-select-wrapper" className={cn("relative w-full", wrapperClassName)}>
      <select
        data-slot="native-select"
        className={cn(fieldClassName, "h-9 appearance-none py-1 pr-9 pl-3 [&>option]:bg-popover [&>option]:text-popover-foreground", className)}
        {...props}
      >
        {children}
      </select>
      <ChevronDownIcon
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 opacity-50"
      />
    </div>
  );
}

function NativeSelectOption(props: React.ComponentProps<"option">) {
  return <option data-slot="native-select-option" {...props} />;
}

function NativeSelectOptGroup(props: React.ComponentProps<"optgroup">) {
  return <optgroup data-slot="native-select-optgroup" {...props} />;
}

export { NativeSelect, NativeSelectOption, NativeSelectOptGroup };
