import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from './api';
import type { User } from './types';

/** RequireAuthProps: the page to show once someone is signed in. */
export interface RequireAuthProps {
  children: (user: User) => ReactNode;
}

/**
 * RequireAuth shows its page to a signed-in user and sends everyone else
 * to /masuk, remembering where they wanted to go.
 */
export function RequireAuth({ children }: RequireAuthProps) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Container py="xl">
        <LoadingState />
      </Container>
    );
  }
  if (session.isError) {
    return (
      <Container py="xl">
        <ProblemAlert error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/masuk?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children(session.data)}</>;
}

/** safeNext accepts only a same-site path as the place to go after signing in. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/beranda';
  }
  return next;
}
