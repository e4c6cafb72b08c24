import { Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlertCircle, IconCheck, IconCloudOff, IconGitCompare, IconMinusCircle } from '../../components/icons';
import type { EntryStatus, PageStatus } from './answerSync';

type Tone = { color: string; icon: ReactNode };

const tones: Record<EntryStatus | PageStatus, Tone> = {
  empty: { color: 'dimmed', icon: <IconMinusCircle size={16} /> },
  saved: { color: 'navy.8', icon: <IconCheck size={16} /> },
  pending: { color: 'slate.7', icon: <Loader size={14} type="oval" color="slate" /> },
  saving: { color: 'slate.7', icon: <Loader size={14} type="oval" color="slate" /> },
  offline: { color: 'grape.9', icon: <IconCloudOff size={16} /> },
  retrying: { color: 'grape.9', icon: <IconCloudOff size={16} /> },
  conflict: { color: 'red.9', icon: <IconGitCompare size={16} /> },
  invalid: { color: 'red.9', icon: <IconAlertCircle size={16} /> },
  rejected: { color: 'red.9', icon: <IconAlertCircle size={16} /> },
  attention: { color: 'red.9', icon: <IconAlertCircle size={16} /> },
  blocked: { color: 'red.9', icon: <IconAlertCircle size={16} /> },
};

/** statusKey maps a state to its words: "Tersimpan", "Menyimpan…", "Offline — akan dikirim", "Konflik", … */
export function statusKey(s: EntryStatus | PageStatus) {
  switch (s) {
    case 'pending':
      return 'save.saving' as const;
    default:
      return `save.${s}` as const;
  }
}

/** SaveStatus shows where an answer (or the whole page) stands, in words with an icon. */
export function SaveStatus({ status, live = false, size = 'sm' }: { status: EntryStatus | PageStatus; live?: boolean; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const tone = tones[status];
  return (
    <Group
      gap={6}
      wrap="nowrap"
      c={tone.color}
      data-save-status={status}
      role={live ? 'status' : undefined}
      aria-live={live ? 'polite' : undefined}
      style={{ flex: 'none' }}
    >
      <span aria-hidden="true" style={{ display: 'inline-flex' }}>
        {tone.icon}
      </span>
      <Text span size={size} fw={600} c={tone.color}>
        {t(statusKey(status))}
      </Text>
    </Group>
  );
}
