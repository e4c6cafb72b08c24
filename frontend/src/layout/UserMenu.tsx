import { Avatar, Box, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { IconLogout } from '../components/icons';
import { useSignOut } from '../features/session/api';
import type { User } from '../features/session/types';

/** initials takes the first letters of the first two words of a name. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** UserMenu shows who is signed in, their role, and the way out. */
export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // flushSync: show the landing page before the user is forgotten, or the
  // protected page underneath would redirect to /masuk first.
  // Respondents queued offline leave the device with the user (issue 6);
  // the queue's code (and its IndexedDB library) loads only for that.
  const signOut = useSignOut(async () => {
    await navigate('/', { replace: true, flushSync: true });
    const { clearRespondentQueue } = await import('../features/survey/queue');
    await clearRespondentQueue();
  });
  return (
    <Menu position="bottom-end" width={260} closeOnItemClick={false} shadow="md">
      <Menu.Target>
        <UnstyledButton
          aria-label={t('user.menu', { name: user.name })}
          style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 44, minWidth: 44, borderRadius: 4, color: 'white' }}
        >
          <Avatar size={36} radius="xl" color="navy" variant="white" aria-hidden="true">
            {initials(user.name)}
          </Avatar>
          <Text span visibleFrom="sm" fw={600} c="white" truncate maw={180}>
            {user.name}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('user.signedInAs')}</Menu.Label>
        <Box px="sm" pb="sm">
          <Text fw={600}>{user.name}</Text>
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
          <Text size="sm">{t(`role.${user.role}`)}</Text>
        </Box>
        <Menu.Divider />
        {signOut.isError && (
          <Text role="alert" size="sm" c="red.8" px="sm" py={4}>
            {t('user.signOutFailed')}
          </Text>
        )}
        <Menu.Item
          leftSection={<IconLogout size={18} />}
          mih={44}
          disabled={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          {t('user.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
