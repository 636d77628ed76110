"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";

/**
 * A work-item action that needs a few fields: the trigger opens a small form; submitting runs the
 * mutation and closes on success; an error stays in the dialog (the field values are kept) and in a toast.
 */
export function ActionDialog({
  trigger,
  title,
  description,
  submitLabel,
  disabled,
  onSubmit,
  children,
  variant = "default",
  testId,
}: {
  trigger: React.ReactNode;
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  disabled?: boolean;
  onSubmit: () => Promise<unknown>;
  children?: React.ReactNode;
  variant?: "default" | "destructive";
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setError(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent data-testid={testId}>
        <form
          className="grid gap-4"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await onSubmit();
              setOpen(false);
            } catch (err) {
              const message = err instanceof Error ? err.message : String(err);
              setError(message);
              toast({ title: `Could not ${submitLabel.toLowerCase()}`, description: message, variant: "destructive" });
            } finally {
              setBusy(false);
            }
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            {description ? <DialogDescription>{description}</DialogDescription> : null}
          </DialogHeader>
          {children}
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant={variant} disabled={busy || disabled}>
              {submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
