import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { roles, type Role } from '../../domain/types';

/** accountSchema is a user as GET /api/v1/users lists it. */
export const accountSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  entity_id: z.number().nullable().optional(),
  province_id: z.number().nullable().optional(),
  province_code: z.string().nullable().optional(),
  active: z.boolean(),
});
/** Account is one user account. */
export type Account = z.infer<typeof accountSchema>;

const accountListSchema = z.object({ items: z.array(accountSchema), total: z.number() });

/** usersKey caches every user list. */
export const usersKey = ['users'] as const;

/** useAccounts lists accounts, optionally of one role or matching a search. */
export function useAccounts(q: { role?: Role; q?: string; offset?: number }, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...usersKey, q],
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ limit: '100', sort: 'name', offset: String(q.offset ?? 0) });
      if (q.role) p.set('role', q.role);
      if (q.q) p.set('q', q.q);
      return api.get(`/api/v1/users?${p.toString()}`, accountListSchema, { signal });
    },
    placeholderData: keepPreviousData,
  });
}

/** useAssessors lists the active assessors (admins and coordinators may read them). */
export function useAssessors(enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...usersKey, 'assessors'],
    queryFn: async ({ signal }) => {
      const r = await api.get('/api/v1/users?role=assessor&limit=500&sort=name', accountListSchema, { signal });
      return r.items.filter((u) => u.active);
    },
    staleTime: 60_000,
  });
}

/** UserInput is what the create and edit forms send. */
export interface UserInput {
  email?: string;
  name: string;
  role: Role;
  province_id: number;
  entity_id: number;
  password?: string;
  active?: boolean;
}

/** scopeOf keeps only the scope a role has: a province for coordinators, one entity for agency users. */
export function scopeOf(role: Role, provinceId: number, entityId: number): { province_id: number; entity_id: number } {
  return { province_id: role === 'coordinator' ? provinceId : 0, entity_id: role === 'agency' ? entityId : 0 };
}
