import { Alert, Anchor, Button, Container, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { IconArrowBack } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { usePageTitle } from '../../layout/usePageTitle';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { useUnit } from '../questionnaire/api';
import { useSurvey } from './api';
import css from './Choice.module.css';
import { publicSurveyURL, useQR } from './Panels';

/**
 * PosterPage is /survei/unit/:id/poster: an A4 poster for the unit's
 * service desk with the QR code of its self-completion link. The app's
 * header and menu are left out of the print.
 */
export function PosterPage() {
  const { t } = useTranslation();
  usePageTitle(t('survey.poster.title'));
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const survey = useSurvey(valid ? id : 0);
  const unit = useUnit(valid ? id : 0);
  const token = survey.data?.plan.link?.token ?? null;
  const url = token ? publicSurveyURL(token) : null;
  const qr = useQR(url, 560);
  if (!valid || (survey.isError && isApiError(survey.error) && survey.error.status === 404)) return <NotFoundPage />;
  return (
    <Container size="sm" py="md">
      <Stack gap="sm" className="no-print" mb="md">
        <Anchor component={Link} to={`/survei/unit/${id}`} size="sm" display="inline-flex" style={{ alignItems: 'center', gap: 6, minHeight: 44 }}>
          <IconArrowBack size={16} /> {t('survey.backToUnit')}
        </Anchor>
        {url && (
          <Button onClick={() => window.print()} mih={44} w="fit-content">
            {t('survey.poster.print')}
          </Button>
        )}
      </Stack>
      {survey.isPending && <LoadingState rows={4} />}
      {survey.isError && <ProblemAlert error={survey.error} onRetry={() => void survey.refetch()} />}
      {survey.data && !url && (
        <Alert color="slate" variant="light">
          {t('survey.poster.noLink')}
        </Alert>
      )}
      {url && (
        <Paper p="xl" withBorder ta="center" className={css.poster} data-testid="poster">
          <Stack align="center" gap="md">
            <Text fw={700} size="lg">
              Ombudsman Republik Indonesia
            </Text>
            <Title order={1}>{t('survey.poster.heading')}</Title>
            {unit.data && (
              <Text size="xl" fw={600}>
                {unit.data.unit.name} — {unit.data.entity.name}
              </Text>
            )}
            <Text size="lg">{t('survey.poster.body')}</Text>
            {qr && <Image src={qr} alt={t('survey.link.qrAlt')} w={280} h={280} />}
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {url}
            </Text>
            <Text size="md">{t('survey.poster.anonymous')}</Text>
          </Stack>
        </Paper>
      )}
    </Container>
  );
}
