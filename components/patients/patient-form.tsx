"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import {
  applyServerFieldErrors,
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import {
  ZPatientFields,
  type TPatient,
  type TPatientFields,
  type TPatientFieldsIn,
} from "@/server/api/routers/patients/schemas";
import { SEX_LABELS, SEXES } from "@/server/domain/patients/codes";
import { formatUsPhone, formatZip } from "./format";

type TextField = Exclude<keyof TPatientFieldsIn, "sex">;
const FIELDS: {
  name: TextField;
  label: string;
  type?: string;
  autoComplete?: string;
  description?: string;
  wide?: boolean;
}[] = [
  { name: "lastName", label: "Last name", autoComplete: "off" },
  { name: "firstName", label: "First name", autoComplete: "off" },
  {
    name: "mrn",
    label: "MRN",
    autoComplete: "off",
    description: "Medical record number, unique in the practice.",
  },
  { name: "dateOfBirth", label: "Date of birth", type: "date" },
  { name: "addressLine1", label: "Address", autoComplete: "off", wide: true },
  { name: "addressLine2", label: "Address line 2", autoComplete: "off", wide: true },
  { name: "city", label: "City", autoComplete: "off" },
  { name: "state", label: "State", autoComplete: "off" },
  { name: "zip", label: "ZIP code", autoComplete: "off" },
  { name: "phone", label: "Phone", type: "tel", autoComplete: "off" },
];
const FIELD_NAMES = [...FIELDS.map((f) => f.name), "sex"];

const EMPTY: TPatientFieldsIn = {
  mrn: "",
  firstName: "",
  lastName: "",
  dateOfBirth: "",
  sex: "unknown",
  addressLine1: "",
  addressLine2: "",
  city: "",
  state: "WI",
  zip: "",
  phone: "",
};

/** Registers a patient, or edits one (with the version loaded, so a concurrent edit is refused). */
export function PatientForm({ patient }: { patient?: TPatient }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<TPatientFieldsIn, unknown, TPatientFields>({
    resolver: zodResolver(ZPatientFields),
    defaultValues: patient
      ? {
          mrn: patient.mrn,
          firstName: patient.firstName,
          lastName: patient.lastName,
          dateOfBirth: patient.dateOfBirth,
          sex: patient.sex,
          addressLine1: patient.addressLine1,
          addressLine2: patient.addressLine2 ?? "",
          city: patient.city,
          state: patient.state,
          zip: formatZip(patient.zip),
          phone: formatUsPhone(patient.phone),
        }
      : EMPTY,
  });
  const onError = (e: { message: string; data?: unknown }) => {
    if (!applyServerFieldErrors(form, e, { fields: FIELD_NAMES })) {
      toast({ title: "Could not save the patient", description: e.message, variant: "destructive" });
    }
  };
  const create = useMutation(
    trpc.patients.create.mutationOptions({
      onSuccess: (p) => {
        toast({
          title: "Patient registered",
          description: `${p.lastName}, ${p.firstName} (${p.mrn})`,
          variant: "success",
        });
        router.push(`/patients/${p.id}`);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.patients.update.mutationOptions({
      onSuccess: (p) => {
        toast({ title: "Patient saved", variant: "success" });
        router.push(`/patients/${p.id}`);
        router.refresh();
      },
      onError,
    }),
  );
  const pending = create.isPending || update.isPending;
  const submit = (v: TPatientFields) =>
    patient
      ? update.mutate({ ...v, patientId: patient.id, expectedUpdatedAt: patient.updatedAt })
      : create.mutate(v);

  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle asHeading="h2">Demographics</CardTitle>
      </CardHeader>
      <Form {...form}>
        <form
          noValidate
          aria-label={patient ? "Edit patient" : "New patient"}
          onSubmit={form.handleSubmit(submit)}
        >
          <CardContent className="grid gap-4 sm:grid-cols-2">
            {FIELDS.map((f) => (
              <FormField
                key={f.name}
                control={form.control}
                name={f.name}
                render={({ field }) => (
                  <FormItem className={f.wide ? "sm:col-span-2" : undefined}>
                    <FormLabel>{f.label}</FormLabel>
                    <FormControl>
                      <Input
                        type={f.type ?? "text"}
                        autoComplete={f.autoComplete}
                        {...field}
                        value={field.value ?? ""}
                      />
                    </FormControl>
                    {f.description ? <FormDescription>{f.description}</FormDescription> : null}
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
            <FormField
              control={form.control}
              name="sex"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Sex</FormLabel>
                  <FormControl>
                    <NativeSelect {...field}>
                      {SEXES.map((s) => (
                        <NativeSelectOption key={s} value={s}>
                          {SEX_LABELS[s]}
                        </NativeSelectOption>
                      ))}
                    </NativeSelect>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="mt-4 gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : patient ? "Save changes" : "Register patient"}
            </Button>
            <Button type="button" variant="outline" asChild>
              <Link href={patient ? `/patients/${patient.id}` : "/patients"}>Cancel</Link>
            </Button>
          </CardFooter>
        </form>
      </Form>
    </Card>
  );
}
