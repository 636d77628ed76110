"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { applyServerFieldErrors, Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ZSetFee } from "@/server/api/routers/fee-schedule/schemas";
import { formatDate } from "@/server/domain/format";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
type TIn = z.input<typeof ZSetFee>;
type TOut = z.output<typeof ZSetFee>;

export function FeeScheduleTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const rows = useQuery(trpc.feeSchedule.list.queryOptions());
  const form = useForm<TIn, unknown, TOut>({ resolver: zodResolver(ZSetFee), defaultValues: { code: "", unitPrice: 0, effectiveFrom: "" } });
  const set = useMutation(
    trpc.feeSchedule.set.mutationOptions({
      onSuccess: (r) => {
        toast({ title: "Price set", description: `${r.code}: ${money.format(r.unitPriceCents / 100)} from ${formatDate(r.effectiveFrom)}.`, variant: "success" });
        form.reset();
        void qc.invalidateQueries({ queryKey: trpc.feeSchedule.list.queryKey() });
      },
      onError: (e) => {
        if (!applyServerFieldErrors(form, e, { fields: ["code", "unitPrice", "effectiveFrom"] })) {
          toast({ title: "Could not set the price", description: e.message, variant: "destructive" });
        }
      },
    }),
  );
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Set a price</CardTitle>
          <CardDescription>
            The charge per billing unit on claims (J9173 is per 10 mg). A new price starts on its date; the previous
            one ends the day before, so earlier claims keep the price they were billed at.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Form {...form}>
            <form noValidate className="grid gap-4 sm:grid-cols-4 sm:items-end" onSubmit={form.handleSubmit((v) => set.mutate(v))}>
              <FormField
                control={form.control}
                name="code"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Code</FormLabel>
                    <FormControl>
                      <Input placeholder="J9173" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="unitPrice"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Price per unit ($)</FormLabel>
                    <FormControl>
                      <Input
                        type="number"
                        step="0.01"
                        min="0"
                        {...field}
                        value={field.value as number}
                        onChange={(e) => field.onChange(e.target.value === "" ? undefined : Number(e.target.value))}
                      />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="effectiveFrom"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Effective from</FormLabel>
                    <FormControl>
                      <Input type="date" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <Button type="submit" disabled={set.isPending}>
                {set.isPending ? "Saving…" : "Set price"}
              </Button>
            </form>
          </Form>
        </CardContent>
      </Card>
      {rows.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : rows.isError ? (
        <p className="text-sm text-destructive">{rows.error.message}</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Code</TableHead>
              <TableHead className="text-right">Price per unit</TableHead>
              <TableHead>From</TableHead>
              <TableHead>To</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.data.map((r) => (
              <TableRow key={r.id}>
                <TableCell className="font-mono">{r.code}</TableCell>
                <TableCell className="text-right tabular-nums">{money.format(r.unitPriceCents / 100)}</TableCell>
                <TableCell className="tabular-nums">{formatDate(r.effectiveFrom)}</TableCell>
                <TableCell className="tabular-nums">{r.effectiveTo ? formatDate(r.effectiveTo) : <Badge variant="success">in force</Badge>}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
