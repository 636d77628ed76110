"use client";

import * as React from "react";
import { Label as LabelPrimitive, Slot } from "radix-ui";
import {
  Controller,
  FormProvider,
  useFormContext,
  useFormState,
  type ControllerProps,
  type FieldPath,
  type FieldValues,
  type Path,
  type UseFormSetError,
} from "react-hook-form";

import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";

/** `<Form {...form}>` provides the react-hook-form context to the fields below it. */
const Form = FormProvider;

type FormFieldContextValue<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
> = { name: TName };

const FormFieldContext = React.createContext<FormFieldContextValue | null>(null);

function FormField<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
>(props: ControllerProps<TFieldValues, TName, TTransformedValues>) {
  return (
    <FormFieldContext.Provider value={{ name: props.name }}>
      <Controller {...props} />
    </FormFieldContext.Provider>
  );
}

type FormItemContextValue = { id: string };

const FormItemContext = React.createContext<FormItemContextValue | null>(null);

/** Ids and error state of the enclosing FormField/FormItem, used to wire labels and messages. */
function useFormField() {
  const fieldContext = React.useContext(FormFieldContext);
  const itemContext = React.useContext(FormItemContext);
  if (!fieldContext) throw new Error("useFormField must be used inside <FormField>");
  if (!itemContext) throw new Error("useFormField must be used inside <FormItem>");

  const { getFieldState } = useFormContext();
  const formState = useFormState({ name: fieldContext.name });
  const fieldState = getFieldState(fieldContext.name, formState);
  const { id } = itemContext;

  return {
    id,
    name: fieldContext.name,
    formItemId: `${id}-form-item`,
    formDescriptionId: `${id}-form-item-description`,
    formMessageId: `${id}-form-item-message`,
    ...fieldState,
  };
}

function FormItem({ className, ...props }: React.ComponentProps<"div">) {
  const id = React.useId();
  return (
    <FormItemContext.Provider value={{ id }}>
      <div data-slot="form-item" className={cn("grid gap-2", className)} {...props} />
    </FormItemContext.Provider>
  );
}

function FormLabel({ className, ...props }: React.ComponentProps<typeof LabelPrimitive.Root>) {
  const { error, formItemId } = useFormField();
  return (
    <Label
      data-slot="form-label"
      data-error={!!error}
      className={cn("data-[error=true]:text-destructive", className)}
      htmlFor={formItemId}
      {...props}
    />
  );
}

/** Wraps exactly one control; gives it the id the label points at and the aria wiring. */
function FormControl(props: React.ComponentProps<typeof Slot.Root>) {
  const { error, formItemId, formDescriptionId, formMessageId } = useFormField();
  return (
    <Slot.Root
      data-slot="form-control"
      id={formItemId}
      aria-describedby={error ? `${formDescriptionId} ${formMessageId}` : formDescriptionId}
      aria-invalid={!!error}
      {...props}
    />
  );
}

function FormDescription({ className, ...props }: React.ComponentProps<"p">) {
  const { formDescriptionId } = useFormField();
  return (
    <p
      data-slot="form-description"
      id={formDescriptionId}
      className={cn("text-sm text-muted-foreground", className)}
      {...props}
    />
  );
}

/** The field's error message, or `children` when there is no error. */
function FormMessage({ className, children, ...props }: React.ComponentProps<"p">) {
  const { error, formMessageId } = useFormField();
  const body = error ? String(error.message ?? "") : children;
  if (!body) return null;
  return (
    <p data-slot="form-message" id={formMessageId} className={cn("text-sm text-destructive", className)} {...props}>
      {body}
    </p>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Server errors -> field errors
 * ----------------------------------------------------------------------------------------------*/

type ServerErrorData = {
  zodError?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | null;
  field?: string | null;
};

function readServerErrorData(error: unknown): ServerErrorData | null {
  if (typeof error !== "object" || error === null || !("data" in error)) return null;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null ? (data as ServerErrorData) : null;
}

function readMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === "string" && message) return message;
  }
  return "Invalid value";
}

/**
 * Put a tRPC client error's field errors onto the form (`data.zodError.fieldErrors` and
 * `data.field` with the error's message). Returns true if at least one field got an error,
 * so the caller can fall back to a toast otherwise:
 *
 *   onError: (e) => { if (!applyServerFieldErrors(form, e)) toast({ title: "Could not save", description: e.message, variant: "destructive" }) }
 *
 * Pass `fields` to apply only names the form actually renders (unknown names would be invisible).
 */
function applyServerFieldErrors<TFieldValues extends FieldValues>(
  form: { setError: UseFormSetError<TFieldValues> },
  error: unknown,
  options: { fields?: readonly string[] } = {},
): boolean {
  const data = readServerErrorData(error);
  if (!data) return false;

  const errors = new Map<string, string>();
  for (const [name, messages] of Object.entries(data.zodError?.fieldErrors ?? {})) {
    const message = messages?.find((m) => typeof m === "string" && m.length > 0);
    if (message) errors.set(name, message);
  }
  if (typeof data.field === "string" && data.field && !errors.has(data.field)) {
    errors.set(data.field, readMessage(error));
  }

  let applied = false;
  for (const [name, message] of errors) {
    if (options.fields && !options.fields.includes(name)) continue;
    form.setError(name as Path<TFieldValues>, { type: "server", message }, { shouldFocus: !applied });
    applied = true;
  }
  return applied;
}

export {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  applyServerFieldErrors,
  useFormField,
};
