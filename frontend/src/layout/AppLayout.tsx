import { AppShell, Box, Burger, Button, Group, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LoadingState } from '../components/LoadingState';
import { IconChartBar, IconHome, IconLayout, IconLogin } from '../components/icons';
import { resultsNavItems } from '../features/results/nav';
import { useSession } from '../features/session/api';
import type { User } from '../features/session/types';
import { assessmentNavItems } from '../features/work/nav';
import { periodsNavItems } from '../features/periods/nav';
import { instrumentNavItems } from '../features/instrument/nav';
import { locusNavItems } from '../features/locus/nav';
import { usersNavItems } from '../features/users/nav';
import { assignmentsNavItems } from '../features/assignments/nav';
import { auditNavItems } from '../features/audit/nav';
import { surveyNavItems } from '../features/survey/nav';
import { objectionsNavItems } from '../features/objections/nav';
import { exportsNavItems } from '../features/exports/nav';
import { LanguageSwitch } from './LanguageSwitch';
import { preloadEveryPage } from './lazyPage';
import { UserMenu } from './UserMenu';

const navbarId = 'p4-navbar';

/** How long after the app starts it loads every other page's code. */
const preloadDelayMs = 3000;

/**
 * AppLayout is the frame of every page: a navy header with the product
 * name, language switch and user menu; a navigation bar that folds into a
 * burger below 992px; the page; a footer.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const narrow = useMediaQuery('(max-width: 61.99em)', false);
  const session = useSession();
  const user = session.data ?? null;

  // Every page's code, once this one has had time to load its data and
  // draw, when the browser is idle (layout/lazyPage.ts). Not in component
  // tests, which draw pages one by one.
  useEffect(() => {
    if (!import.meta.env.PROD) return;
    let idle = 0;
    const timer = window.setTimeout(() => {
      idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(preloadEveryPage, { timeout: 5000 }) : 0;
      if (!idle) preloadEveryPage();
    }, preloadDelayMs);
    return () => {
      window.clearTimeout(timer);
      if (idle) window.cancelIdleCallback(idle);
    };
  }, []);

  // Close the mobile menu after navigating, and on Escape.
  useEffect(close, [location.pathname, close]);
  useEffect(() => {
    if (!opened) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened, close]);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 264, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding={0}
    >
      <a href="#main" className="p4-skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header withBorder={false} bg="var(--p4-header-bg)" c="var(--p4-header-text)">
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              color="white"
              size="sm"
              w={44}
              h={44}
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls={navbarId}
            />
            <Brand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            {user ? (
              <UserMenu user={user} />
            ) : (
              location.pathname !== '/masuk' && (
                <Button component={Link} to="/masuk" variant="white" color="navy" size="sm" px="sm">
                  {t('nav.signIn')}
                </Button>
              )
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id={navbarId} p="sm" aria-label={t('nav.label')} inert={narrow && !opened}>
        <NavLinks user={user} />
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ display: 'flex', flexDirection: 'column', outline: 'none' }}>
        <Box style={{ flex: 1 }}>
          {/* Pages are loaded with their first visit (layout/lazyPage.ts). */}
          <Suspense
            fallback={
              <Box px={{ base: 'sm', sm: 'md' }} py="md">
                <LoadingState />
              </Box>
            }
          >
            <Outlet />
          </Suspense>
        </Box>
        <Box component="footer" py="lg" px="md" mt="xl" style={{ borderTop: '1px solid var(--mantine-color-slate-2)' }}>
          <Text size="sm" c="dimmed" ta="center">
            {t('app.footer')}
          </Text>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      component={Link}
      to="/"
      aria-label={t('app.name')}
      style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, minHeight: 44, color: 'inherit' }}
    >
      <Box
        aria-hidden="true"
        style={{
          flex: 'none',
          display: 'grid',
          placeItems: 'center',
          width: 40,
          height: 40,
          borderRadius: 6,
          background: 'white',
          color: 'var(--p4-header-bg)',
          fontWeight: 800,
          fontSize: 18,
        }}
      >
        {t('app.shortName')}
      </Box>
      <Stack gap={0} visibleFrom="sm" style={{ minWidth: 0 }} aria-hidden="true">
        <Text fw={700} c="white" truncate lh={1.3}>
          {t('app.name')}
        </Text>
        <Text size="xs" c="navy.1" truncate lh={1.3}>
          {t('app.org')}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

function NavLinks({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: <IconHome /> },
    { to: '/publik', label: t('nav.publicResults'), icon: <IconChartBar /> },
    user
      ? { to: '/beranda', label: t('nav.dashboard'), icon: <IconLayout /> }
      : { to: '/masuk', label: t('nav.signIn'), icon: <IconLogin /> },
    ...assessmentNavItems(user, t),
    ...resultsNavItems(user, t),
    ...periodsNavItems(user, t),
    ...instrumentNavItems(user, t),
    ...locusNavItems(user, t),
    ...usersNavItems(user, t),
    ...assignmentsNavItems(user, t),
    ...auditNavItems(user, t),
    ...surveyNavItems(user, t),
    ...objectionsNavItems(user, t),
    ...exportsNavItems(user, t),
  ];
  return (
    <Stack gap={4}>
      {items.map((it) => {
        const active = it.to === '/' ? pathname === '/' : pathname === it.to || pathname.startsWith(`${it.to}/`);
        return (
          <NavLink
            key={it.to}
            component={Link}
            to={it.to}
            label={it.label}
            leftSection={it.icon}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
            fw={500}
          />
        );
      })}
    </Stack>
  );
}
