import { z } from 'zod';
import { roles } from '../../domain/types';

/** userSchema is the signed-in user as GET/POST /api/v1/session return it. */
export const userSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  entity_id: z.number().nullable().optional(),
  province_code: z.string().nullable().optional(),
});

/** User is who is signed in, and in which role. */
export type User = z.infer<typeof userSchema>;

/** sessionSchema is the body of a session response. */
export const sessionSchema = z.object({ user: userSchema });

/** Credentials is what the sign-in form posts. */
export interface Credentials {
  email: string;
  password: string;
}
