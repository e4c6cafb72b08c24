import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconArrowBack, IconCheck, IconClipboardList, IconSend } from '../../components/icons';
import type { UnitState } from './types';

// Zone colours (green, yellow, red) stay reserved for results: workflow
// states use the navy scale and grape, and always carry a word and an icon.
const look: Record<UnitState, { color: string; variant: string; icon: ReactNode }> = {
  draft: { color: 'slate', variant: 'outline', icon: <IconClipboardList size={14} /> },
  submitted: { color: 'navy', variant: 'light', icon: <IconSend size={14} /> },
  returned: { color: 'grape', variant: 'filled', icon: <IconArrowBack size={14} /> },
  accepted: { color: 'navy', variant: 'filled', icon: <IconCheck size={14} /> },
};

/** UnitStateBadge shows a questionnaire's state: Draf, Dikirim, Dikembalikan, Diterima. */
export function UnitStateBadge({ state }: { state: UnitState }) {
  const { t } = useTranslation();
  const l = look[state];
  return (
    <Badge
      color={l.color}
      variant={l.variant}
      leftSection={l.icon}
      size="lg"
      radius="sm"
      tt="none"
      fw={600}
      data-state={state}
      style={{ flex: 'none' }}
    >
      {t(`unitState.${state}`)}
    </Badge>
  );
}
