import { Alert, Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSurvey } from './api';
import { OverridePanel } from './Panels';

/**
 * SurveyReviewPanel is the survey as the coordinator's unit review shows
 * it: the sample against its target, quality flags, what Accept would say,
 * and the override a sample below target needs (with its reason). Units
 * without perception items show nothing.
 */
export function SurveyReviewPanel({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const id = useId();
  const survey = useSurvey(unitId);
  const v = survey.data;
  if (!v || v.questions.length === 0) return null;
  const p = v.progress;
  return (
    <Stack gap="sm">
      <Paper component="section" aria-labelledby={id} p="md" withBorder data-testid="survey-review">
        <Stack gap={6}>
          <Title order={2} size="h4" id={id}>
            {t('survey.title')}
          </Title>
          <Text fw={700} className="p4-tabular" data-testid="review-sample">
            {p.below_target ? t('survey.review.below', { count: p.respondents, target: p.target }) : t('survey.review.complete', { count: p.respondents, target: p.target })}
          </Text>
          {v.flags !== undefined && v.flags > 0 && (
            <Text size="sm" c="orange.9">
              {t('survey.review.flags', { count: v.flags })}
            </Text>
          )}
          {v.accept_problems.length > 0 && (
            <Alert color="orange" variant="light" p="xs">
              {v.accept_problems.map((ap) => (
                <Text key={ap.field} size="sm">
                  {t(`survey.problem.${ap.code}`, { defaultValue: ap.message })}
                </Text>
              ))}
            </Alert>
          )}
          <Group>
            <Anchor component={Link} to={`/survei/unit/${unitId}`} display="inline-block" py={10}>
              {t('survey.review.open')}
            </Anchor>
          </Group>
        </Stack>
      </Paper>
      <OverridePanel view={v} />
    </Stack>
  );
}

/** SurveyEntryLink is the way from a unit's questionnaire to its survey. */
export function SurveyEntryLink({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={`/survei/unit/${unitId}`} display="inline-flex" style={{ alignItems: 'center', minHeight: 44 }} data-testid="survey-link-from-unit">
      {t('survey.title')}
    </Anchor>
  );
}
