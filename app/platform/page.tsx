import { redirect } from "next/navigation";

export default function PlatformHome() {
  redirect("/platform/reference");
}
