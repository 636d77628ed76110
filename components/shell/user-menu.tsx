"use client";
import { useMutation } from "@tanstack/react-query";
import { ChevronDown, KeyRound, LogOut, MonitorSmartphone } from "lucide-react";
import Link from "next/link";
import { useTransition } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toast";
import { signOutAction } from "@/server/auth/actions";

export function UserMenu({ name, email, roleLabel, operator = false }: { name: string; email: string; roleLabel: string; operator?: boolean }) {
  const trpc = useTRPC();
  const [pending, start] = useTransition();
  const everywhere = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({
      onSuccess: () => start(() => signOutAction()),
      onError: (e) =>
        toast({ title: "Could not sign out everywhere", description: e.message, variant: "destructive" }),
    }),
  );
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-auto justify-between gap-2 px-2 py-1.5" data-testid="user-menu">
          <span className="flex flex-col items-start text-left leading-tight">
            <span className="text-sm font-medium">{name}</span>
            <span className="text-xs text-muted-foreground" data-testid="user-role">
              {roleLabel}
            </span>
          </span>
          <ChevronDown className="size-4 opacity-60" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="font-normal">
          <span className="block text-sm font-medium">{name}</span>
          <span className="block truncate text-xs text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {!operator && (
          <DropdownMenuItem asChild>
            <Link href="/change-password">
              <KeyRound aria-hidden /> Change password
            </Link>
          </DropdownMenuItem>
        )}
        <DropdownMenuItem disabled={pending} onSelect={() => start(() => signOutAction())}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
        {!operator && (
          <DropdownMenuItem variant="destructive" disabled={everywhere.isPending} onSelect={() => everywhere.mutate()}>
            <MonitorSmartphone aria-hidden /> Sign out everywhere
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
