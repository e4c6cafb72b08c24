import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NotAssessed } from '../public-results/types';

/**
 * NotAssessedList names the entities of a group that were not assessed:
 * listed apart, never ranked nor counted in the distribution.
 */
export function NotAssessedList({ items, withProvince = false }: { items: readonly NotAssessed[]; withProvince?: boolean }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="not-assessed-title">
      <Title order={2} fz="h4" id="not-assessed-title">
        {t('results.notAssessed.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('results.notAssessed.body')}
      </Text>
      <List size="sm" spacing={4}>
        {items.map((e) => (
          <List.Item key={e.id}>
            {e.name}
            {withProvince && e.province ? ` · ${e.province}` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
