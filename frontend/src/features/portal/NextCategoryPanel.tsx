import { Alert, Button, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../../components/CategoryBadge';
import { useFormat } from '../../i18n/format';
import type { NextStep } from '../results/types';

/** NextCategoryPanelProps: the fewest improvements to the next band, and a way to try them. */
export interface NextCategoryPanelProps {
  next: NextStep | null;
  multiUnit: boolean;
  onTry?: () => void;
}

/**
 * NextCategoryPanel names the fewest answer improvements that would lift
 * the entity into the next higher category, or says it is already in the
 * highest one, or that the next one is out of reach.
 */
export function NextCategoryPanel({ next, multiUnit, onTry }: NextCategoryPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const target = next?.target;
  const targetName = target ? (target.category ? t('category.label', { letter: target.category }) : target.opinion) : '';
  let body;
  if (!next) {
    body = <Text c="dimmed">{t('portal.next.unavailable')}</Text>;
  } else if (!target) {
    body = <Text>{t('portal.next.top')}</Text>;
  } else if (!next.reachable) {
    body = <Alert color="navy" role="note">{t('portal.next.unreachable', { target: targetName })}</Alert>;
  } else {
    body = (
      <Stack gap="sm">
        <Text>
          {t('portal.next.lead', { n: next.changes.length })}{' '}
          {target.category && <CategoryBadge category={target.category} />}{' '}
          <Text span lang="id" fw={500}>
            {target.opinion}
          </Text>
          {next.result ? ` · ${t('portal.next.scoreAfter', { score: f.score(next.result.score) })}` : ''}
        </Text>
        <List type="ordered" spacing={4} data-testid="next-changes">
          {next.changes.map((c) => (
            <List.Item key={`${c.unit_id}|${c.indicator}`}>
              <Text span fw={600}>
                {c.name}
              </Text>
              {multiUnit && c.unit_name ? ` (${c.unit_name})` : ''}: {t('portal.next.fromTo', { from: c.from, to: c.to })}{' '}
              <Text span c="dimmed" className="p4-tabular">
                {t('portal.next.gain', { gain: f.score(c.gain) })}
              </Text>
            </List.Item>
          ))}
        </List>
        {next.minimal === false && (
          <Text size="sm" c="dimmed">
            {t('portal.next.notMinimal')}
          </Text>
        )}
        {onTry && (
          <div>
            <Button variant="light" onClick={onTry}>
              {t('portal.next.try')}
            </Button>
          </div>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Title order={2} fz="h3" id="kategori-berikutnya">
        {t('portal.next.title')}
      </Title>
      {body}
    </Stack>
  );
}
