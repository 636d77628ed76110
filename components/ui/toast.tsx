"use client";

import * as React from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlertIcon, CircleCheckIcon, XIcon } from "lucide-react";

import { cn } from "@/components/ui/cn";

/* ------------------------------------------------------------------------------------------------
 * Primitives (styled Radix Toast parts). Most code should call `toast()` and render `<Toaster />`.
 * ----------------------------------------------------------------------------------------------*/

const ToastProvider = ToastPrimitive.Provider;

function ToastViewport({ className, ...props }: React.ComponentProps<typeof ToastPrimitive.Viewport>) {
  return (
    <ToastPrimitive.Viewport
      data-slot="toast-viewport"
      className={cn(
        "fixed top-0 right-0 z-[100] flex max-h-screen w-full flex-col-reverse gap-2 p-4 outline-none sm:top-auto sm:bottom-0 sm:flex-col md:max-w-[420px]",
        className,
      )}
      {...props}
    />
  );
}

const toastVariants = cva(
  "group pointer-events-auto relative flex w-full items-start gap-3 overflow-hidden rounded-lg border p-4 pr-10 shadow-lg transition-all outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 data-[swipe=cancel]:translate-x-0 data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x) data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:slide-in-from-top-full sm:data-[state=open]:slide-in-from-bottom-full data-[state=closed]:animate-out data-[state=closed]:fade-out-80 data-[state=closed]:slide-out-to-right-full data-[swipe=end]:animate-out",
  {
    variants: {
      variant: {
        default: "border-border bg-popover text-popover-foreground",
        destructive:
          "border-destructive bg-destructive text-white dark:border-transparent dark:bg-[color-mix(in_oklab,var(--destructive)_55%,var(--background))]",
        success: "border-success bg-success text-success-foreground",
      },
    },
    defaultVariants: { variant: "default" },
  },
);

type ToastVariant = NonNullable<VariantProps<typeof toastVariants>["variant"]>;

function Toast({
  className,
  variant,
  ...props
}: React.ComponentProps<typeof ToastPrimitive.Root> & VariantProps<typeof toastVariants>) {
  return (
    <ToastPrimitive.Root
      data-slot="toast"
      data-variant={variant ?? "default"}
      className={cn(toastVariants({ variant }), className)}
      {...props}
    />
  );
}

function ToastTitle({ className, ...props }: React.ComponentProps<typeof ToastPrimitive.Title>) {
  return <ToastPrimitive.Title data-slot="toast-title" className={cn("text-sm font-semibold", className)} {...props} />;
}

function ToastDescription({ className, ...props }: React.ComponentProps<typeof ToastPrimitive.Description>) {
  return (
    <ToastPrimitive.Description
      data-slot="toast-description"
      className={cn("text-sm", className)}
      {...props}
    />
  );
}

function ToastAction({ className, ...props }: React.ComponentProps<typeof ToastPrimitive.Action>) {
  return (
    <ToastPrimitive.Action
      data-slot="toast-action"
      className={cn(
        "inline-flex h-8 shrink-0 items-center justify-center self-center rounded-md border border-current/30 bg-transparent px-3 text-sm font-medium transition-colors outline-none hover:bg-current/10 focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:pointer-events-none disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}

function ToastClose({ className, ...props }: React.ComponentProps<typeof ToastPrimitive.Close>) {
  return (
    <ToastPrimitive.Close
      data-slot="toast-close"
      aria-label="Dismiss notification"
      className={cn(
        "absolute top-3 right-3 rounded-sm p-0.5 opacity-70 transition-opacity outline-none hover:opacity-100 focus-visible:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4",
        className,
      )}
      {...props}
    >
      <XIcon aria-hidden="true" />
    </ToastPrimitive.Close>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Imperative API: `toast({...})` from any client code, rendered by one `<Toaster />`.
 * ----------------------------------------------------------------------------------------------*/

type ToastOptions = {
  title?: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
  /** Milliseconds before auto-dismiss. Defaults to 5000 (8000 for "destructive"). */
  duration?: number;
  action?: { label: string; onClick: () => void };
};

type ToastEntry = ToastOptions & { id: string; open: boolean };

const TOAST_LIMIT = 3;
/** Keep a closed toast mounted long enough for its exit animation. */
const TOAST_REMOVE_DELAY_MS = 300;
const EMPTY: readonly ToastEntry[] = [];

let entries: readonly ToastEntry[] = EMPTY;
let counter = 0;
const listeners = new Set<() => void>();

function setEntries(next: readonly ToastEntry[]) {
  entries = next;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Close one toast (or all, without an id); it is removed after its exit animation. */
function dismissToast(id?: string) {
  const matches = (entry: ToastEntry) => id === undefined || entry.id === id;
  setEntries(entries.map((entry) => (matches(entry) ? { ...entry, open: false } : entry)));
  setTimeout(() => {
    setEntries(entries.filter((entry) => !(matches(entry) && !entry.open)));
  }, TOAST_REMOVE_DELAY_MS);
}

/**
 * Show a toast. Needs `<Toaster />` mounted once (in the root layout).
 * Returns the id and helpers to update or dismiss that toast.
 */
function toast(options: ToastOptions) {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const id = `toast-${counter}`;
  setEntries([{ ...options, id, open: true }, ...entries].slice(0, TOAST_LIMIT));
  return {
    id,
    dismiss: () => dismissToast(id),
    update: (next: ToastOptions) =>
      setEntries(entries.map((entry) => (entry.id === id ? { ...entry, ...next } : entry))),
  };
}

/**
 * The visible text of a toast as a role="status" live region (never role="alert": Next.js
 * already renders a role="alert" route announcer). The content becomes visible one frame
 * after mount so screen readers see a change inside an existing region and announce it.
 * It is excluded from Radix's own transient announcer to avoid a second, duplicate region.
 */
function ToastLiveRegion({ variant, children }: { variant: ToastVariant; children: React.ReactNode }) {
  const [revealed, setRevealed] = React.useState(false);
  React.useEffect(() => {
    const frame = requestAnimationFrame(() => setRevealed(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <div
      role="status"
      aria-live={variant === "destructive" ? "assertive" : "polite"}
      aria-atomic="true"
      data-radix-toast-announce-exclude=""
      data-slot="toast-content"
      className={cn("grid min-w-0 flex-1 gap-1", !revealed && "invisible")}
    >
      {children}
    </div>
  );
}

const variantIcons: Partial<Record<ToastVariant, React.ComponentType<{ className?: string }>>> = {
  destructive: CircleAlertIcon,
  success: CircleCheckIcon,
};

/** Renders the toasts raised with `toast()`. Mount once, e.g. at the end of <body>. */
function Toaster() {
  const items = React.useSyncExternalStore(
    subscribe,
    () => entries,
    () => EMPTY,
  );
  return (
    <ToastProvider swipeDirection="right">
      {items.map(({ id, title, description, variant = "default", duration, action, open }) => {
        const Icon = variantIcons[variant];
        return (
          <Toast
            key={id}
            variant={variant}
            open={open}
            duration={duration ?? (variant === "destructive" ? 8000 : 5000)}
            onOpenChange={(next) => {
              if (!next) dismissToast(id);
            }}
          >
            {Icon ? <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" /> : null}
            <ToastLiveRegion variant={variant}>
              {title ? <ToastTitle>{title}</ToastTitle> : null}
              {description ? <ToastDescription>{description}</ToastDescription> : null}
            </ToastLiveRegion>
            {action ? (
              <ToastAction altText={action.label} onClick={action.onClick}>
                {action.label}
              </ToastAction>
            ) : null}
            <ToastClose />
          </Toast>
        );
      })}
      <ToastViewport />
    </ToastProvider>
  );
}

export {
  Toast,
  ToastAction,
  ToastClose,
  ToastDescription,
  ToastProvider,
  ToastTitle,
  ToastViewport,
  Toaster,
  dismissToast,
  toast,
  toastVariants,
  type ToastOptions,
  type ToastVariant,
};
