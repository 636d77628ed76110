"use client";

import * as React from "react";
import { AlertDialog as AlertDialogPrimitive } from "radix-ui";
import { Loader2Icon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { dialogPanelClassName, overlayClassName } from "@/components/ui/dialog";

type ConfirmDialogProps = {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Extra content between the description and the buttons (e.g. a reason field). */
  children?: React.ReactNode;
  confirmLabel?: React.ReactNode;
  cancelLabel?: React.ReactNode;
  variant?: "default" | "destructive";
  /**
   * Runs on confirm. The dialog stays open, with buttons disabled, until it settles.
   * Return `false` (or throw) to keep the dialog open; handle and report errors yourself
   * (e.g. with `toast`), because a thrown error is swallowed here to keep the dialog usable.
   */
  onConfirm: () => void | boolean | Promise<void | boolean>;
  /** Element that opens the dialog (rendered with `asChild`). Omit when controlling `open`. */
  trigger?: React.ReactNode;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Disable the confirm button (e.g. until a required reason is filled in). */
  confirmDisabled?: boolean;
  /** Show as busy from outside (e.g. `mutation.isPending`). */
  pending?: boolean;
  className?: string;
};

/**
 * A confirmation step for consequential actions, built on Radix AlertDialog
 * (role="alertdialog": focus starts on Cancel; clicking outside does not dismiss).
 */
function ConfirmDialog({
  title,
  description,
  children,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  variant = "default",
  onConfirm,
  trigger,
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  confirmDisabled = false,
  pending: pendingProp = false,
  className,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = React.useState(defaultOpen);
  const [running, setRunning] = React.useState(false);
  const open = openProp ?? uncontrolledOpen;
  const busy = running || pendingProp;

  const setOpen = (next: boolean) => {
    if (openProp === undefined) setUncontrolledOpen(next);
    onOpenChange?.(next);
  };

  const handleOpenChange = (next: boolean) => {
    if (busy && !next) return; // do not dismiss half-way through the action
    setOpen(next);
  };

  const handleConfirm = async () => {
    setRunning(true);
    let keepOpen = false;
    try {
      keepOpen = (await onConfirm()) === false;
    } catch {
      keepOpen = true;
    } finally {
      setRunning(false);
    }
    if (!keepOpen) setOpen(false);
  };

  return (
    <AlertDialogPrimitive.Root open={open} onOpenChange={handleOpenChange}>
      {trigger ? (
        <AlertDialogPrimitive.Trigger data-slot="confirm-dialog-trigger" asChild>
          {trigger}
        </AlertDialogPrimitive.Trigger>
      ) : null}
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay data-slot="confirm-dialog-overlay" className={overlayClassName} />
        <AlertDialogPrimitive.Content
          data-slot="confirm-dialog-content"
          className={cn(dialogPanelClassName, className)}
          aria-busy={busy || undefined}
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <div data-slot="confirm-dialog-header" className="flex flex-col gap-2 text-center sm:text-left">
            <AlertDialogPrimitive.Title data-slot="confirm-dialog-title" className="text-lg font-semibold">
              {title}
            </AlertDialogPrimitive.Title>
            {description ? (
              <AlertDialogPrimitive.Description
                data-slot="confirm-dialog-description"
                className="text-sm text-muted-foreground"
              >
                {description}
              </AlertDialogPrimitive.Description>
            ) : null}
          </div>
          {children}
          <div data-slot="confirm-dialog-footer" className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="outline" disabled={busy}>
                {cancelLabel}
              </Button>
            </AlertDialogPrimitive.Cancel>
            <Button
              data-slot="confirm-dialog-confirm"
              variant={variant === "destructive" ? "destructive" : "default"}
              disabled={busy || confirmDisabled}
              onClick={() => void handleConfirm()}
            >
              {busy ? <Loader2Icon aria-hidden="true" className="animate-spin" /> : null}
              {confirmLabel}
            </Button>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}

export { ConfirmDialog, type ConfirmDialogProps };
