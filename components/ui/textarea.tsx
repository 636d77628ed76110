import * as React from "react";

import { cn } from "@/components/ui/cn";
import { fieldClassName } from "@/components/ui/input";

function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(fieldClassName, "field-sizing-content flex min-h-16 px-3 py-2", className)}
      {...props}
    />
  );
}

export { Textarea };
