import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/server/domain/auth/password-policy";

export const ZChangePassword = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1, "Enter a new password.").max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
});
export type TChangePassword = z.infer<typeof ZChangePassword>;
