import { requireUser } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

/** Pages meant for paper: no navigation, white page, letter size with half-inch margins. */
export default async function PrintLayout({ children }: { children: React.ReactNode }) {
  await requireUser();
  return (
    <div className="min-h-screen bg-white px-6 py-4 text-black print:p-0">
      <style>{"@page { size: letter; margin: 0.5in; }"}</style>
      {children}
    </div>
  );
}
