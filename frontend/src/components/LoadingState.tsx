import { Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** LoadingStateProps: an optional label and a number of placeholder rows. */
export interface LoadingStateProps {
  label?: string;
  /** Grey bars hinting at the shape of what is coming (a table, a list). */
  rows?: number;
}

/** LoadingState says, politely to screen readers, that something is on its way. */
export function LoadingState({ label, rows = 0 }: LoadingStateProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" py="md" role="status" aria-live="polite" aria-busy="true">
      <Group gap="sm">
        <Loader size="sm" aria-hidden="true" />
        <Text c="dimmed">{label ?? t('state.loading')}</Text>
      </Group>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={40} radius="sm" aria-hidden="true" />
      ))}
    </Stack>
  );
}
