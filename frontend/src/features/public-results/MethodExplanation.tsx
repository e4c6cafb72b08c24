import { Alert, Grid, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../../components/CategoryBadge';
import { OpinionLabel } from '../../components/OpinionLabel';
import { ZoneChip } from '../../components/ZoneChip';
import { useFormat } from '../../i18n/format';
import { bandRanges, hasLetters } from './bands';
import type { Method } from './types';

/** MethodExplanation says, in the user's language, how a period's scores were made and banded. */
export function MethodExplanation({ method, historical = false }: { method: Method; historical?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const letters = hasLetters(method.bands);
  const ranges = bandRanges(method.bands);
  return (
    <Stack gap="md">
      <Title order={2} fz="h3">
        {t('publicResults.method.title')}
      </Title>
      <Text maw="52rem">{t('publicResults.method.intro')}</Text>
      {(historical || (!letters && method.bands.length > 0)) && (
        <Alert color="navy" variant="light" role="note">
          {t('publicResults.method.historical')}
        </Alert>
      )}
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Stack gap="xs" maw="40rem">
            <Title order={3} fz="h4">
              {t('publicResults.method.dimensions')}
            </Title>
            {method.dimensions.length === 0 ? (
              <Text c="dimmed">{t('publicResults.method.noDimensions')}</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('publicResults.method.dimension')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('publicResults.method.weight')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {method.dimensions.map((d) => (
                    <Table.Tr key={d.code}>
                      <Table.Th scope="row" fw={500}>
                        {f.lang === 'en' && d.name_en ? d.name_en : d.name}
                        <Progress value={d.weight} size="sm" mt={6} color="navy" aria-hidden="true" />
                      </Table.Th>
                      <Table.Td ta="right" className="p4-tabular" fw={600}>
                        {f.score(d.weight)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Stack gap="xs">
            <Title order={3} fz="h4">
              {t('publicResults.method.bands')}
            </Title>
            <Table.ScrollContainer minWidth={320} type="native" style={{ position: 'relative' }}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    {letters && <Table.Th scope="col">{t('publicResults.ranking.category')}</Table.Th>}
                    <Table.Th scope="col">{t('publicResults.method.range')}</Table.Th>
                    <Table.Th scope="col">{t('publicResults.ranking.opinion')}</Table.Th>
                    <Table.Th scope="col">{t('publicResults.ranking.zone')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ranges.map((r) => (
                    <Table.Tr key={`${r.min}`}>
                      {letters && (
                        <Table.Td>
                          <CategoryBadge category={r.band.category} />
                        </Table.Td>
                      )}
                      <Table.Td className="p4-tabular" style={{ whiteSpace: 'nowrap' }}>
                        {f.score(r.min)}–{f.score(r.max)}
                      </Table.Td>
                      <Table.Td>
                        <OpinionLabel opinion={r.band.opinion} />
                      </Table.Td>
                      <Table.Td>
                        <ZoneChip zone={r.band.zone} size="sm" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" c="dimmed">
              {t('publicResults.method.officialLabels')}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
