"use client";
import { Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { UrlListState } from "./use-url-list-state";

/**
 * The list's search box: writes `q` to the URL 300 ms after typing stops, or at once on Enter.
 * Follows the URL when it changes from elsewhere (back/forward, reset).
 */
export function DataTableSearch<S extends string, F extends string>({
  state,
  label,
  placeholder,
  className,
}: {
  state: UrlListState<S, F>;
  /** accessible name, e.g. "Search patients" */
  label: string;
  placeholder?: string;
  className?: string;
}) {
  const [text, setText] = useState(state.q);
  const [lastUrlQ, setLastUrlQ] = useState(state.q);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (state.q !== lastUrlQ) {
    // The URL changed under us: show what it says now.
    setLastUrlQ(state.q);
    setText(state.q);
  }
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const commit = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    state.setQuery(value);
  };
  return (
    <form
      role="search"
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        commit(text);
      }}
    >
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          type="search"
          aria-label={label}
          placeholder={placeholder}
          className="pr-9 pl-8"
          value={text}
          maxLength={100}
          onChange={(e) => {
            const v = e.target.value;
            setText(v);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => state.setQuery(v), 300);
          }}
        />
        {text ? (
          <Button
            type="button"
            variant="ghost"
            size="icon-sm"
            aria-label="Clear search"
            className="absolute top-1/2 right-1 -translate-y-1/2"
            onClick={() => {
              setText("");
              commit("");
            }}
          >
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
    </form>
  );
}
