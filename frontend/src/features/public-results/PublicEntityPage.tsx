import { Anchor, Container, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isPeerGroup } from '../../domain/types';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { isNotFound, usePublicEntity } from '../results/api';
import { groupLabel, peerGroupFor } from '../results/groups';
import { HistoryPanel } from '../results/HistoryPanel';
import { DimensionTable, entityDimensionRows, ResultSummary } from '../results/ResultSummary';
import { useProvinces } from './api';
import { MethodExplanation } from './MethodExplanation';

/**
 * PublicEntityPage is /publik/entitas/:id: one entity's published results
 * across years (score, category, opinion, zone, ranks, with method changes
 * marked), its latest points per dimension and the method behind them.
 * Unpublished years never appear: the server sends published ones only.
 */
export function PublicEntityPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const entity = usePublicEntity(valid ? id : null);
  const provinces = useProvinces();

  if (!valid || (entity.isError && isNotFound(entity.error))) return <NotFoundPage />;

  let body;
  if (entity.isPending) {
    body = <LoadingState rows={6} />;
  } else if (entity.isError) {
    body = <ProblemAlert error={entity.error} onRetry={() => void entity.refetch()} />;
  } else {
    const e = entity.data;
    const latest = [...e.history].sort((a, b) => b.year - a.year)[0];
    const provinceName = e.entity.province_code ? provinces.data?.find((p) => p.code === e.entity.province_code)?.name : undefined;
    const peer = peerGroupFor(e.entity.kind, e.entity.province_code);
    const rankingLink = latest
      ? `/publik?${new URLSearchParams({ year: String(latest.year), group: peer.group, ...(peer.province ? { province: peer.province } : {}) }).toString()}`
      : '/publik';
    body = (
      <Stack gap="lg">
        <PageHeader
          title={e.entity.name}
          description={[isPeerGroup(e.entity.kind) ? t(`publicResults.groups.${e.entity.kind}`) : e.entity.kind, provinceName].filter(Boolean).join(' · ')}
        />
        {latest && (
          <ResultSummary
            label={t('publicEntity.latest', { year: latest.year })}
            score={latest.score}
            category={latest.category}
            opinion={latest.opinion}
            zone={latest.zone}
            footer={
              <>
                {Object.entries(latest.ranks).map(([g, rank]) => (
                  <Text key={g} size="sm">
                    {t('ranking.entity.rankIn', { rank, group: groupLabel(g, t, (c) => provinces.data?.find((p) => p.code === c)?.name) })}
                  </Text>
                ))}
                <Anchor component={Link} to={rankingLink} size="sm">
                  {t('publicEntity.toRanking')}
                </Anchor>
              </>
            }
          />
        )}
        {latest && latest.dimensions.length > 0 && (
          <Paper>
            <DimensionTable
              rows={entityDimensionRows(latest.dimensions)}
              dimensions={latest.method.dimensions}
              caption={t('publicEntity.dimensions', { year: latest.year })}
            />
          </Paper>
        )}
        <Paper>
          <HistoryPanel history={e.history} />
        </Paper>
        {latest && (
          <Paper>
            <MethodExplanation method={latest.method} />
          </Paper>
        )}
      </Stack>
    );
  }

  return (
    <Container py="xl" size="xl">
      <Anchor component={Link} to="/publik" size="sm">
        ← {t('publicEntity.back')}
      </Anchor>
      <Stack mt="md">{body}</Stack>
    </Container>
  );
}
