"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
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
import { toast } from "@/components/ui/toast";
import { PASSWORD_MIN_LENGTH } from "@/server/domain/auth/password-policy";

const ZForm = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`),
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, {
    message: "The two passwords do not match.",
    path: ["confirm"],
  });
type TForm = z.infer<typeof ZForm>;

export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<TForm>({
    resolver: zodResolver(ZForm),
    defaultValues: { currentPassword: "", newPassword: "", confirm: "" },
  });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        toast({
          title: "Password changed",
          description: "Other devices were signed out.",
          variant: "success",
        });
        router.replace("/dashboard");
        router.refresh();
      },
      onError: (e) => {
        if (!applyServerFieldErrors(form, e, { fields: ["currentPassword", "newPassword"] })) {
          toast({ title: "Could not change the password", description: e.message, variant: "destructive" });
        }
      },
    }),
  );
  return (
    <Card>
      <CardContent>
        <Form {...form}>
          <form noValidate
            className="space-y-4"
            onSubmit={form.handleSubmit((v) =>
              change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
            )}
          >
            <FormField
              control={form.control}
              name="currentPassword"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{forced ? "Temporary password" : "Current password"}</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="current-password" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="newPassword"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>New password</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="new-password" {...field} />
                  </FormControl>
                  <FormDescription>
                    At least {PASSWORD_MIN_LENGTH} characters. A short phrase is easier to remember.
                  </FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="confirm"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Repeat new password</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="new-password" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <Button type="submit" className="w-full" disabled={change.isPending}>
              {change.isPending ? "Saving…" : "Change password"}
            </Button>
          </form>
        </Form>
      </CardContent>
    </Card>
  );
}
