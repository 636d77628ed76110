"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import {
  applyServerFieldErrors,
  Form,
  FormControl,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { ZPracticeUpdate } from "@/server/api/routers/practice/schemas";

type TIn = z.input<typeof ZPracticeUpdate>;
type TOut = z.output<typeof ZPracticeUpdate>;
const FIELDS: { name: keyof TIn; label: string; autoComplete?: string }[] = [
  { name: "name", label: "Practice name", autoComplete: "organization" },
  { name: "npi", label: "Billing NPI" },
  { name: "taxId", label: "Tax id (EIN)" },
  { name: "addressLine1", label: "Address", autoComplete: "address-line1" },
  { name: "addressLine2", label: "Address line 2", autoComplete: "address-line2" },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "state", label: "State", autoComplete: "address-level1" },
  { name: "zip", label: "ZIP code", autoComplete: "postal-code" },
];

export function PracticeForm({ practice }: { practice: TIn }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<TIn, unknown, TOut>({
    resolver: zodResolver(ZPracticeUpdate),
    defaultValues: { ...practice, addressLine2: practice.addressLine2 ?? "" },
  });
  const save = useMutation(
    trpc.practice.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Practice saved", variant: "success" });
        router.refresh();
      },
      onError: (e) => {
        if (!applyServerFieldErrors(form, e, { fields: FIELDS.map((f) => f.name) })) {
          toast({ title: "Could not save", description: e.message, variant: "destructive" });
        }
      },
    }),
  );
  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle asHeading="h2">Practice details</CardTitle>
      </CardHeader>
      <Form {...form}>
        <form noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            {FIELDS.map((f) => (
              <FormField
                key={f.name}
                control={form.control}
                name={f.name}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{f.label}</FormLabel>
                    <FormControl>
                      <Input autoComplete={f.autoComplete} {...field} value={field.value ?? ""} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
          </CardContent>
          <CardFooter className="mt-4">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
