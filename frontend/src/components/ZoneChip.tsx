import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Zone } from '../domain/types';
import { zoneColors } from '../theme';
import { IconCircleCheck, IconMinusCircle, IconOctagonX, IconTriangleAlert } from './icons';
import classes from './ZoneChip.module.css';

const icons = { green: IconCircleCheck, yellow: IconTriangleAlert, red: IconOctagonX } as const;

/** ZoneChipProps: the zone to show, or nothing when there is none yet. */
export interface ZoneChipProps {
  zone: Zone | null | undefined;
  size?: 'sm' | 'md';
}

/**
 * ZoneChip shows a zone as a coloured chip that also carries the zone's
 * word ("Zona Hijau") and a distinct icon shape (circle, triangle,
 * octagon), so the zone reads without colour.
 */
export function ZoneChip({ zone, size = 'md' }: ZoneChipProps) {
  const { t } = useTranslation();
  const iconSize = size === 'sm' ? 14 : 16;
  if (!zone) {
    const style = {
      '--zone-border': 'var(--mantine-color-slate-3)',
      '--zone-bg': 'var(--mantine-color-slate-0)',
      '--zone-text': 'var(--mantine-color-slate-7)',
    } as CSSProperties;
    return (
      <span className={classes.chip} data-zone="none" data-size={size} style={style}>
        <IconMinusCircle className={classes.icon} size={iconSize} />
        {t('zone.none')}
      </span>
    );
  }
  const c = zoneColors[zone];
  const Icon = icons[zone];
  const style = {
    '--zone-border': c.border,
    '--zone-bg': c.background,
    '--zone-text': c.text,
  } as CSSProperties;
  return (
    <span className={classes.chip} data-zone={zone} data-size={size} style={style}>
      <Icon className={classes.icon} size={iconSize} />
      {t(`zone.${zone}`)}
    </span>
  );
}
