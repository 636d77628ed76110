-- No JIT compilation inside the rebuild functions the triggers call, whoever the caller is. Their
-- statements join many tables through LATERAL; when the planner's estimates are large (claims bulk-loaded
-- since the last analyze, or simply a large practice) the cost passes jit_above_cost and PostgreSQL
-- compiled each statement with LLVM on every call: 3.6–9.9 s per compilation on this machine against
-- ~0.1 s of running it (docs/benchmarks.md, "835 posting"). Posting turned JIT off for its own chunks
-- (set local jit = off); this covers every other writer too (claim creation, the bench's claim load,
-- denial work, the demo seed). A function's SET applies to the statements it runs, nested ones included.
ALTER FUNCTION kpi_ar_rebuild(uuid[]) SET jit = off;
--> statement-breakpoint
ALTER FUNCTION kpi_facts_rebuild(uuid[]) SET jit = off;
