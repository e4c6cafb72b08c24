import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isObjectionState } from './api';

// Navy and slate only: the traffic-light colours are reserved for zones.
const colors: Record<string, string> = { submitted: 'navy', accepted: 'navy', partly_accepted: 'navy', rejected: 'slate' };

/** ObjectionStateBadge names an objection's state in words (never by colour alone). */
export function ObjectionStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant={state === 'submitted' ? 'filled' : 'light'} color={colors[state] ?? 'slate'} radius="sm" styles={{ label: { textTransform: 'none' } }}>
      {isObjectionState(state) ? t(`objections.state.${state}`) : state}
    </Badge>
  );
}
