import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { IconAlertCircle } from './icons';
import { problemKind } from './problem';

/** ProblemAlertProps: the error to explain, and optionally a way to try again. */
export interface ProblemAlertProps {
  error: unknown;
  /** Title to use instead of the one derived from the error. */
  title?: string;
  onRetry?: () => void;
}

/**
 * ProblemAlert explains a failed request in the user's language: a title by
 * kind (no connection, server error, not found, …), what to do, the
 * server's detail when it sent one, and any field errors it could not place
 * beside a field.
 */
export function ProblemAlert({ error, title, onRetry }: ProblemAlertProps) {
  const { t } = useTranslation();
  const kind = problemKind(error);
  const apiErr = isApiError(error) ? error : undefined;
  const hint =
    kind === 'network'
      ? t('problem.hint.network')
      : kind === 'server' || kind === 'unavailable'
        ? t('problem.hint.server')
        : kind === 'tooManyRequests'
          ? t('problem.hint.tooManyRequests')
          : kind === 'invalidResponse'
            ? t('problem.hint.invalidResponse')
            : undefined;
  // The server's own words help support staff; a bare network failure has none worth showing.
  const detail = apiErr && apiErr.status > 0 ? apiErr.detail : undefined;
  const fieldErrors = apiErr?.errors ?? [];

  return (
    <Alert
      role="alert"
      color="red"
      title={title ?? t(`problem.title.${kind}`)}
      icon={<IconAlertCircle size={22} />}
      data-problem-kind={kind}
    >
      <Stack gap="xs">
        {hint && <Text size="md">{hint}</Text>}
        {detail && <Text size="sm">{detail}</Text>}
        {fieldErrors.length > 0 && (
          <>
            <Text size="sm">{t('problem.fieldList')}</Text>
            <List size="sm">
              {fieldErrors.map((e) => (
                <List.Item key={`${e.field}:${e.code}`}>
                  {e.field}: {t(`validation.${e.code}` as 'validation.invalid', { defaultValue: e.message })}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {apiErr && apiErr.status > 0 && (
          <Text size="xs" c="dimmed">
            {t('problem.status', { status: apiErr.status })}
          </Text>
        )}
        {onRetry && (
          <div>
            <Button variant="default" onClick={onRetry}>
              {t('state.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
