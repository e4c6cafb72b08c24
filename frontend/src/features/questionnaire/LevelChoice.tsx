import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Level } from './method';
import classes from './LevelChoice.module.css';

/** LevelChoiceProps: an indicator's levels, the current answer, and what to do with a choice. */
export interface LevelChoiceProps {
  code: string;
  legend: string;
  levels: Level[];
  value: number | null;
  na: boolean;
  naAllowed: boolean;
  disabled?: boolean;
  /** The texts are Indonesian though the page is in English. */
  levelsLang?: string;
  onChange: (choice: { value: number } | { na: true }) => void;
}

/**
 * LevelChoice spells out the levels (0–3, or the indicator's own scale) as
 * large radio cards, at least 56px tall, each one a native radio button:
 * Tab enters the group, the arrow keys move between levels.
 */
export function LevelChoice({ code, legend, levels, value, na, naAllowed, disabled, levelsLang, onChange }: LevelChoiceProps) {
  const { t } = useTranslation();
  const name = `level-${code}`;
  return (
    <fieldset className={classes.group} disabled={disabled}>
      <VisuallyHidden component="legend">{legend}</VisuallyHidden>
      <div className={classes.cards}>
        {levels.map((l) => {
          const checked = !na && value === l.value;
          return (
            <label key={l.value} className={classes.card} data-checked={checked} data-disabled={disabled ? 'true' : undefined}>
              <input
                type="radio"
                className={classes.input}
                name={name}
                value={l.value}
                checked={checked}
                onChange={() => onChange({ value: l.value })}
              />
              <span className={classes.value} aria-hidden="true">
                {l.value}
              </span>
              <Text span className={classes.text} lang={levelsLang}>
                <VisuallyHidden>{t('questionnaire.levelValue', { value: l.value })}</VisuallyHidden> {l.text || t('questionnaire.levelOnly', { value: l.value })}
              </Text>
            </label>
          );
        })}
        {naAllowed && (
          <label className={`${classes.card} ${classes.na}`} data-checked={na} data-disabled={disabled ? 'true' : undefined}>
            <input type="radio" className={classes.input} name={name} value="na" checked={na} onChange={() => onChange({ na: true })} />
            <span className={classes.value} aria-hidden="true">
              –
            </span>
            <Text span className={classes.text}>
              {t('questionnaire.na')}
            </Text>
          </label>
        )}
      </div>
    </fieldset>
  );
}
