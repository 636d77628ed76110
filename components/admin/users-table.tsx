"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
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
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ZCreateUser, type TCreateUser } from "@/server/api/routers/users/schemas";
import { ROLE_LABELS, ROLES, type Role } from "@/server/domain/auth/roles";
import { formatDateTime } from "@/server/domain/format";


export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const [secret, setSecret] = useState<{ email: string; password: string; created: boolean } | null>(null);
  // A role change waits for confirmation (one arrow key on the select must not make someone an administrator).
  const [roleChange, setRoleChange] = useState<{ userId: string; name: string; from: Role; to: Role } | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const onError = (title: string) => (e: { message: string }) =>
    toast({ title, description: e.message, variant: "destructive" });

  const changeRole = useMutation(
    trpc.users.changeRole.mutationOptions({
      onSuccess: (u) => {
        toast({
          title: "Role changed",
          description: `${u.name} is now ${ROLE_LABELS[u.role]}.`,
          variant: "success",
        });
        void invalidate();
      },
      onError: onError("Could not change the role"),
    }),
  );
  const setActive = useMutation(
    trpc.users.setActive.mutationOptions({
      onSuccess: () => invalidate(),
      onError: onError("Could not update the user"),
    }),
  );
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({ onError: onError("Could not reset the password") }),
  );
  const unlock = useMutation(
    trpc.users.unlock.mutationOptions({
      onSuccess: (u) => {
        toast({ title: "Account unlocked", description: `${u.name} can sign in again with their password.`, variant: "success" });
        void invalidate();
      },
      onError: onError("Could not unlock the account"),
    }),
  );

  return (
    <section className="space-y-4" aria-labelledby="users-heading">
      <div className="flex items-center justify-between">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <CreateUserDialog
          onCreated={(email, password) => {
            setSecret({ email, password, created: true });
            void invalidate();
          }}
        />
      </div>
      <ConfirmDialog
        open={roleChange !== null}
        onOpenChange={(open) => {
          if (!open) setRoleChange(null);
        }}
        variant={roleChange?.to === "admin" ? "destructive" : "default"}
        title={roleChange ? `Make ${roleChange.name} ${ROLE_LABELS[roleChange.to]}?` : ""}
        description={
          roleChange
            ? `${roleChange.name} changes from ${ROLE_LABELS[roleChange.from]} to ${ROLE_LABELS[roleChange.to]}: what they can see and do changes at once, and their open sessions end.` +
              (roleChange.to === "admin" ? " An administrator manages users, payers and the practice's settings." : "")
            : undefined
        }
        confirmLabel="Change role"
        onConfirm={async () => {
          if (!roleChange) return;
          try {
            await changeRole.mutateAsync({ userId: roleChange.userId, role: roleChange.to });
          } catch {
            return false; // the mutation's onError has said why
          }
          setRoleChange(null);
        }}
      />
      {users.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : users.isError ? (
        <p className="text-sm text-destructive">Could not load users: {users.error.message}</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last sign-in</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.data.map((u) => {
              const self = u.id === currentUserId;
              const locked = u.lockedUntil && new Date(u.lockedUntil) > new Date();
              return (
                <TableRow key={u.id} data-testid={`user-row-${u.email}`}>
                  <TableCell className="font-medium">{u.name}</TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>
                    <NativeSelect
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      disabled={self || changeRole.isPending}
                      onChange={(e) => setRoleChange({ userId: u.id, name: u.name, from: u.role, to: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <NativeSelectOption key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </NativeSelectOption>
                      ))}
                    </NativeSelect>
                  </TableCell>
                  <TableCell className="space-x-1">
                    {u.isActive ? (
                      <Badge variant="success">Active</Badge>
                    ) : (
                      <Badge variant="secondary">Deactivated</Badge>
                    )}
                    {u.mustChangePassword && <Badge variant="outline">Temporary password</Badge>}
                    {locked && (
                      <Badge variant="warning" title={`Locked until ${formatDateTime(u.lockedUntil!)}`}>
                        Locked
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never"}
                  </TableCell>
                  <TableCell className="space-x-2 text-right">
                    {locked && (
                      <Button variant="outline" size="sm" disabled={unlock.isPending} onClick={() => unlock.mutate({ userId: u.id })}>
                        Unlock
                      </Button>
                    )}
                    <ConfirmDialog
                      trigger={
                        <Button variant="outline" size="sm">
                          Reset password
                        </Button>
                      }
                      title={`Reset the password of ${u.name}?`}
                      description="A new temporary password is issued, their sessions end and they must choose a new password at sign-in. A lockout is cleared."
                      confirmLabel="Reset password"
                      onConfirm={async () => {
                        const r = await reset.mutateAsync({ userId: u.id });
                        setSecret({ email: u.email, password: r.temporaryPassword, created: false });
                        void invalidate();
                      }}
                    />
                    {!self &&
                      (u.isActive ? (
                        <ConfirmDialog
                          trigger={
                            <Button variant="outline" size="sm">
                              Deactivate
                            </Button>
                          }
                          variant="destructive"
                          title={`Deactivate ${u.name}?`}
                          description="They are signed out everywhere at once and can no longer sign in. Their history stays in the audit log."
                          confirmLabel="Deactivate"
                          onConfirm={async () => {
                            await setActive.mutateAsync({ userId: u.id, active: false });
                            toast({
                              title: "User deactivated",
                              description: `${u.name} can no longer sign in.`,
                              variant: "success",
                            });
                          }}
                        />
                      ) : (
                        <Button
                          variant="outline"
                          size="sm"
                          onClick={() => setActive.mutate({ userId: u.id, active: true })}
                        >
                          Reactivate
                        </Button>
                      ))}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Dialog open={secret !== null} onOpenChange={(o) => !o && setSecret(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{secret?.created ? "User created" : "Password reset"}</DialogTitle>
            <DialogDescription>
              Give this temporary password to {secret?.email}. It is shown only this once; they must change it
              when they sign in.
            </DialogDescription>
          </DialogHeader>
          <p
            className="rounded-md border bg-muted px-3 py-2 font-mono text-lg tracking-wide select-all"
            data-testid="temporary-password"
          >
            {secret?.password}
          </p>
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() =>
                secret &&
                navigator.clipboard?.writeText(secret.password).then(() => toast({ title: "Copied" }))
              }
            >
              Copy
            </Button>
            <Button onClick={() => setSecret(null)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </section>
  );
}

function CreateUserDialog({ onCreated }: { onCreated: (email: string, password: string) => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const form = useForm<TCreateUser>({
    resolver: zodResolver(ZCreateUser),
    defaultValues: { email: "", name: "", role: "biller" },
  });
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (r) => {
        setOpen(false);
        form.reset();
        onCreated(r.user.email, r.temporaryPassword);
      },
      onError: (e) => {
        if (!applyServerFieldErrors(form, e, { fields: ["email", "name", "role"] })) {
          toast({ title: "Could not create the user", description: e.message, variant: "destructive" });
        }
      },
    }),
  );
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden /> Add user
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Add a user</DialogTitle>
            <DialogDescription>
              They get a temporary password, shown once, and choose their own at first sign-in.
            </DialogDescription>
          </DialogHeader>
          <Form {...form}>
            <form className="space-y-4" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))}>
              <FormField
                control={form.control}
                name="name"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Full name</FormLabel>
                    <FormControl>
                      <Input autoComplete="off" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="email"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Email</FormLabel>
                    <FormControl>
                      <Input type="email" autoComplete="off" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="role"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Role</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {ROLES.map((r) => (
                          <NativeSelectOption key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </NativeSelectOption>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={create.isPending}>
                  {create.isPending ? "Creating…" : "Create user"}
                </Button>
              </DialogFooter>
            </form>
          </Form>
        </DialogContent>
      </Dialog>
    </>
  );
}
