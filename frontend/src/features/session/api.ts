import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client';
import { sessionSchema, type Credentials, type User } from './types';

const sessionPath = '/api/v1/session';

/** sessionQueryKey caches who is signed in. */
export const sessionQueryKey = ['session'] as const;

/** fetchSession returns the signed-in user, or null when nobody is signed in (401). */
export async function fetchSession(signal?: AbortSignal): Promise<User | null> {
  try {
    const s = await api.get(sessionPath, sessionSchema, { signal });
    return s.user;
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

/** signIn opens a session; failures arrive as ApiError (401, 422, 429). */
export async function signIn(c: Credentials): Promise<User> {
  const s = await api.post(sessionPath, { email: c.email, password: c.password }, sessionSchema);
  return s.user;
}

/** signOut ends the session. */
export async function signOut(): Promise<void> {
  await api.delete(sessionPath);
}

/** sessionQuery asks who is signed in: the user, or null. */
export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
  });

/** useSession tells who is signed in: data is the user, null, or undefined while loading. */
export function useSession() {
  return useQuery(sessionQuery());
}

/** useSignIn posts credentials and, on success, caches the new user. */
export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (user) => {
      qc.setQueryData(sessionQueryKey, user);
    },
  });
}

/**
 * useSignOut ends the session and forgets everything cached for the user.
 * onSignedOut runs first (typically: leave the page), because forgetting
 * the user unmounts whatever asked for the sign-out, and a protected page
 * would otherwise bounce to /masuk.
 */
export function useSignOut(onSignedOut?: () => void | Promise<void>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      await onSignedOut?.();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
      qc.setQueryData(sessionQueryKey, null);
    },
  });
}
