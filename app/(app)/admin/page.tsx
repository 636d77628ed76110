import { redirect } from "next/navigation";
import { requirePermission } from "@/server/auth/guards";

export default async function AdminIndex() {
  await requirePermission("user.manage");
  redirect("/admin/users");
}
