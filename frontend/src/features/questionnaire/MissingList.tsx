import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlertCircle } from '../../components/icons';
import { indicatorAnchor, type IndicatorView } from './method';

/** focusIndicator scrolls to an indicator's card and moves the focus there. */
export function focusIndicator(code: string) {
  const el = document.getElementById(indicatorAnchor(code));
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el.focus({ preventScroll: true });
}

/** MissingList names the indicators still unanswered, each a link that takes the user there. */
export function MissingList({ codes, byCode, fromServer }: { codes: readonly string[]; byCode: Map<string, IndicatorView>; fromServer?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertCircle size={22} />} title={t('submit.missingTitle', { count: codes.length })} role="alert" data-testid="missing-list">
      <Text size="sm" mb="xs">
        {fromServer ? t('submit.missingServer') : t('submit.missingBody')}
      </Text>
      <List size="sm" spacing={4}>
        {codes.map((code) => (
          <List.Item key={code}>
            <Anchor
              href={`#${indicatorAnchor(code)}`}
              onClick={(e) => {
                e.preventDefault();
                focusIndicator(code);
              }}
            >
              {code}
              {byCode.get(code) ? ` — ${byCode.get(code)?.name}` : ''}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
