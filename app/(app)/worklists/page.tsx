import { redirect } from "next/navigation";
import { requirePermission } from "@/server/auth/guards";

export const metadata = { title: "Worklists" };

export default async function WorklistsPage() {
  await requirePermission("administration.read");
  redirect("/worklists/due");
}
