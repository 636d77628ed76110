"use client";
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/server/auth/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const initial: SignInState = { error: null, email: "" };

/** `next`: the page to return to after signing in (already checked to be a path of this site). */
export function SignInForm({ next }: { next?: string | null }) {
  const [state, action, pending] = useActionState(signInAction, initial);
  return (
    <Card>
      <CardContent>
        <form action={action} className="space-y-4" noValidate>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <div className="space-y-2">
            <Label htmlFor="email">Email</Label>
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={state.email}
              autoFocus
            />
          </div>
          <div className="space-y-2">
            <Label htmlFor="password">Password</Label>
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          {state.error && (
            <p className="text-sm text-destructive" data-testid="sign-in-error" aria-live="polite">
              {state.error}
            </p>
          )}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
