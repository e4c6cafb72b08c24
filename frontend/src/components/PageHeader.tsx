import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../layout/usePageTitle';

/** PageHeaderProps: the page's heading, a line of context and optional actions. */
export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** PageHeader opens every page the same way and names the browser tab after it. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <Group justify="space-between" align="flex-end" gap="md" mb="lg" wrap="wrap">
      <Stack gap={6} style={{ minWidth: 0, flex: '1 1 20rem' }}>
        <Title order={1}>{title}</Title>
        {description && (
          <Text c="dimmed" size="lg" maw="48rem">
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
