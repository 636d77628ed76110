"use client";
import type { Control, FieldPath, FieldValues } from "react-hook-form";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "./form";
import { Input } from "./input";
import { NativeSelect, NativeSelectOption } from "./native-select";

/**
 * The usual labelled input of a react-hook-form form: label, control, optional description and the
 * field's error message, wired for accessibility by FormItem. Extra props go to the <input>.
 */
export function InputField<T extends FieldValues, C, O extends FieldValues>({
  control,
  name,
  label,
  description,
  ...input
}: {
  control: Control<T, C, O>;
  name: FieldPath<T>;
  label: React.ReactNode;
  description?: React.ReactNode;
} & Omit<React.ComponentProps<typeof Input>, "name" | "value" | "onChange" | "onBlur" | "ref">) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Input autoComplete="off" {...input} {...field} value={field.value ?? ""} />
          </FormControl>
          {description ? <FormDescription>{description}</FormDescription> : null}
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

/** A labelled native <select> with its options as [value, label] pairs. */
export function SelectField<T extends FieldValues, C, O extends FieldValues>({
  control,
  name,
  label,
  options,
  description,
}: {
  control: Control<T, C, O>;
  name: FieldPath<T>;
  label: React.ReactNode;
  options: readonly (readonly [string, string])[];
  description?: React.ReactNode;
}) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <NativeSelect {...field}>
              {options.map(([v, l]) => (
                <NativeSelectOption key={v} value={v}>
                  {l}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </FormControl>
          {description ? <FormDescription>{description}</FormDescription> : null}
          <FormMessage />
        </FormItem>
      )}
    />
  );
}
