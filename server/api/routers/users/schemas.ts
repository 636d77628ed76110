import { z } from "zod";
import { ROLES } from "@/server/domain/auth/roles";
import { zText } from "../../zod-text";

export const ZRole = z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(", ")}.` });
export const ZUserId = z.object({ userId: z.uuid("Not a valid user id.") });

export const ZCreateUser = z.object({
  email: z.email("Enter a valid email address.").max(254),
  name: zText("user's name", { max: 120 }),
  role: ZRole,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZChangeRole = ZUserId.extend({ role: ZRole });
export const ZSetActive = ZUserId.extend({ active: z.boolean() });

export const ZUserListItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZPublicUser = ZUserListItem.extend({ practiceId: z.string() }).loose();
