import { Alert, Anchor, Button, Container, Grid, List, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { IconArrowBack, IconClipboardList } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { scoreKey, unitKey, useUnit, useUnitScore } from '../questionnaire/api';
import { ScorePreview } from '../questionnaire/ScorePreview';
import type { User } from '../session/types';
import { workKey } from '../work/api';
import { aggregateSurvey, surveyKey, useSurvey, type SurveyView } from './api';
import { AggregationTable, SampleProgress } from './Aggregation';
import { FlagsPanel, LinkPanel, OverridePanel, PlanPanel, RespondentsPanel } from './Panels';

/** manages: coordinators and admins plan, override and see contacts (the server limits coordinators to their province). */
export function manages(user: User): boolean {
  return user.role === 'coordinator' || user.role === 'admin';
}

/**
 * SurveyUnitPage is /survei/unit/:id: a unit's service-user survey — the
 * sample against its plan, what the answers aggregate to and the unit's
 * score, the self-completion link; for coordinators and admins also the
 * plan, the override, the quality flags and the contact details.
 */
export function SurveyUnitPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const survey = useSurvey(valid ? id : 0);
  const unit = useUnit(valid ? id : 0);
  if (!valid || (survey.isError && isApiError(survey.error) && survey.error.status === 404)) return <NotFoundPage />;
  const back = manages(user) ? `/tinjau/unit/${id}` : `/kerja/unit/${id}`;
  return (
    <Container size="lg" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Anchor component={Link} to={back} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
        <IconArrowBack size={16} /> {manages(user) ? t('survey.backToReview') : t('survey.backToQuestionnaire')}
      </Anchor>
      <PageHeader
        title={t('survey.title')}
        description={unit.data ? t('survey.unitOf', { unit: unit.data.unit.name, entity: unit.data.entity.name, year: unit.data.period.year }) : undefined}
      />
      {survey.isPending && <LoadingState rows={6} />}
      {survey.isError && <ProblemAlert error={survey.error} onRetry={() => void survey.refetch()} />}
      {survey.data && <Loaded view={survey.data} user={user} />}
    </Container>
  );
}

function Loaded({ view, user }: { view: SurveyView; user: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = view.unit_assessment_id;
  const score = useUnitScore(id);
  const [aggError, setAggError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const manage = manages(user);

  async function aggregate() {
    setBusy(true);
    setAggError(null);
    setDone(false);
    try {
      await aggregateSurvey(id);
      setDone(true);
      await Promise.all([
        qc.invalidateQueries({ queryKey: surveyKey(id) }),
        qc.invalidateQueries({ queryKey: scoreKey(id) }),
        qc.invalidateQueries({ queryKey: unitKey(id) }),
        qc.invalidateQueries({ queryKey: workKey }),
      ]);
    } catch (err) {
      setAggError(err);
    } finally {
      setBusy(false);
    }
  }

  if (view.questions.length === 0) {
    return <Alert color="slate">{t('survey.noItems')}</Alert>;
  }
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          {view.can_record && (
            <Button component={Link} to={`/survei/unit/${id}/isi`} size="lg" leftSection={<IconClipboardList size={20} />} fullWidth>
              {t('survey.enterRespondents')}
            </Button>
          )}
          <SampleProgress view={view} />
          <AggregationTable items={view.items} questions={view.questions} respondents={view.progress.respondents} />
          {view.can_record && view.progress.respondents > 0 && (
            <Stack gap={6}>
              {view.aggregate_current ? (
                <Text size="sm" c="teal.8" data-testid="aggregate-current">
                  ✓ {t('survey.aggregate.current')}
                </Text>
              ) : (
                <Text size="sm" c="orange.9" data-testid="aggregate-stale">
                  {t('survey.aggregate.stale')}
                </Text>
              )}
              <Button onClick={() => void aggregate()} loading={busy} variant={view.aggregate_current ? 'light' : 'filled'} mih={44}>
                {t('survey.aggregate.run')}
              </Button>
              {done && (
                <Text size="sm" role="status">
                  {t('survey.aggregate.done')}
                </Text>
              )}
              {aggError ? <ProblemAlert error={aggError} /> : null}
            </Stack>
          )}
          {view.accept_problems.length > 0 && (
            <Alert color="orange" variant="light" title={t('survey.acceptProblems')} data-testid="accept-problems">
              <List size="sm">
                {view.accept_problems.map((p) => (
                  <List.Item key={p.field}>{t(`survey.problem.${p.code}`, { defaultValue: p.message })}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {manage && <OverridePanel view={view} />}
          {view.flags !== undefined && <FlagsPanel view={view} />}
          <RespondentsPanel view={view} manage={manage} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <ScorePreview score={score.data} error={score.error} refreshing={score.isFetching} dimensionNames={new Map()} onRetry={() => void score.refetch()} />
          <LinkPanel view={view} manage={manage} />
          {manage && view.state !== 'accepted' && <PlanPanel view={view} />}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
