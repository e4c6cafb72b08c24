import { Alert, Anchor, Button, Container, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CategoryBadge } from '../../components/CategoryBadge';
import { EmptyState } from '../../components/EmptyState';
import { IconAlertCircle, IconArrowBack, IconCheck } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { OpinionLabel } from '../../components/OpinionLabel';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScoreValue } from '../../components/ScoreValue';
import { ZoneChip } from '../../components/ZoneChip';
import { useFormat } from '../../i18n/format';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { useMethod } from '../questionnaire/api';
import { useWork, workKey } from '../work/api';
import { useYear } from '../work/useYear';
import { resultKey, useEntityResult, verifyEntity } from './api';
import { QueueRow } from './ReviewQueuePage';
import type { EntityResult } from './types';

/**
 * EntityReviewPage is /tinjau/lokus/:id?tahun=: every unit of one entity
 * with its state and, once all are accepted, Verifikasi, which computes and
 * stores the entity's result; the result is shown as soon as it exists.
 */
export function EntityReviewPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { periods, year } = useYear();
  const work = useWork(valid && year !== undefined ? { year, entityId: id } : null);
  const result = useEntityResult(valid ? year : undefined, id);
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!valid) return <NotFoundPage />;
  const items = work.data?.items ?? [];
  const name = result.data?.entity.name ?? items[0]?.entity ?? '';
  const notAccepted = items.filter((i) => i.state !== 'accepted').length;
  const resultState = result.data?.state;
  const canVerify = items.length > 0 && notAccepted === 0 && resultState !== 'verified' && resultState !== 'final' && resultState !== 'published';

  const verify = async () => {
    if (year === undefined) return;
    setBusy(true);
    setError(null);
    try {
      await verifyEntity(year, id);
      setConfirm(false);
      await qc.invalidateQueries({ queryKey: resultKey(year, id) });
      void qc.invalidateQueries({ queryKey: workKey });
    } catch (err) {
      setConfirm(false);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container py="xl">
      <Anchor component={Link} to={`/tinjau${year ? `?tahun=${year}` : ''}`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {t('review.back')}
      </Anchor>
      {periods.isError && <ProblemAlert error={periods.error} onRetry={() => void periods.refetch()} />}
      {(periods.isPending || work.isPending) && <LoadingState rows={4} />}
      {work.isError && <ProblemAlert error={work.error} onRetry={() => void work.refetch()} />}
      {work.data && items.length === 0 && <EmptyState headingOrder={1} title={t('review.emptyTitle')} description={t('review.emptyBody', { year })} />}
      {items.length > 0 && (
        <>
          <PageHeader title={t('review.entity.title', { entity: name })} description={t('review.entity.intro', { year })} />
          <Stack gap="lg">
            <Paper component="section" aria-labelledby="units-title">
              <Stack gap="sm">
                <Title order={2} size="h3" id="units-title">
                  {t('review.entity.units')}
                </Title>
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {items.map((it) => (
                    <QueueRow key={it.unit_assessment_id} item={it} />
                  ))}
                </Stack>
                {notAccepted === 0 ? (
                  <Text size="sm" c="navy.8" fw={600}>
                    {t('review.entity.allAccepted')}
                  </Text>
                ) : (
                  <Text size="sm">{t('review.entity.notAllAccepted', { count: notAccepted })}</Text>
                )}
                {error ? <ProblemAlert error={error} /> : null}
                {canVerify && (
                  <Group>
                    <Button leftSection={<IconCheck size={18} />} onClick={() => setConfirm(true)}>
                      {t('review.entity.verify')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
            {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
            {result.isPending && <LoadingState />}
            {result.data === null && (
              <Text c="dimmed" size="sm">
                {t('review.entity.noResult')}
              </Text>
            )}
            {result.data && <ResultCard result={result.data} year={year} />}
          </Stack>
          <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('review.entity.verifyConfirmTitle')} centered>
            <Stack gap="md">
              <Text>{t('review.entity.verifyConfirmBody', { entity: name })}</Text>
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={() => setConfirm(false)}>
                  {t('review.cancel')}
                </Button>
                <Button onClick={() => void verify()} loading={busy}>
                  {t('review.entity.verify')}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Container>
  );
}

function ResultCard({ result, year }: { result: EntityResult; year: number | undefined }) {
  const { t, i18n } = useTranslation();
  const method = useMethod(year);
  const dimName = new Map(
    (method.data?.instrument?.dimensions ?? []).map((d) => [d.code, i18n.language === 'en' && d.name_en ? d.name_en : d.name]),
  );
  const f = useFormat();
  const r = result.result;
  const unitName = new Map(result.entity.units.map((u) => [u.id, u.name]));
  const entityDims = r.dimensions.filter((d) => d.unit_id === 0);
  const stateKey = ['assessing', 'verified', 'final', 'published'].includes(result.state) ? result.state : 'assessing';
  return (
    <Paper component="section" aria-labelledby="result-title" data-testid="entity-result">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="result-title">
            {t('review.entity.resultTitle')}
          </Title>
          <Text size="sm">{t('review.entity.state', { state: t(`review.entity.states.${stateKey}` as 'review.entity.states.verified') })}</Text>
        </Group>
        <Group gap="md" align="center" wrap="wrap">
          <ScoreValue value={r.score} size="2rem" />
          <CategoryBadge category={r.category ?? null} />
          <OpinionLabel opinion={r.opinion} />
          <ZoneChip zone={r.zone ?? null} />
        </Group>
        {!r.complete && (
          <Alert color="grape" icon={<IconAlertCircle size={20} />}>
            {t('review.entity.incomplete')}
          </Alert>
        )}
        {entityDims.length > 0 && (
          <Table.ScrollContainer minWidth={320}>
            <Table captionSide="top">
              <Table.Caption>{t('review.entity.dimensions')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('review.entity.dimension')}</Table.Th>
                  <Table.Th ta="right">{t('review.entity.points')}</Table.Th>
                  <Table.Th ta="right">%</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entityDims.map((d) => (
                  <Table.Tr key={d.dimension}>
                    <Table.Td>{dimName.get(d.dimension) ?? d.dimension}</Table.Td>
                    <Table.Td ta="right" className="p4-tabular">
                      {t('scorePreview.points', { points: f.score(d.points), max: f.score(d.max_points) })}
                    </Table.Td>
                    <Table.Td ta="right" className="p4-tabular">
                      {f.score(d.percent)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {r.units.length > 1 && (
          <Table.ScrollContainer minWidth={320}>
            <Table captionSide="top">
              <Table.Caption>{t('review.entity.unitScores')}</Table.Caption>
              <Table.Tbody>
                {r.units.map((u) => (
                  <Table.Tr key={u.unit_id}>
                    <Table.Td>{unitName.get(u.unit_id) ?? `#${u.unit_id}`}</Table.Td>
                    <Table.Td ta="right">
                      <ScoreValue value={u.score} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
