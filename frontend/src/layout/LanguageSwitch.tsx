import { Group, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages } from '../i18n';
import classes from './LanguageSwitch.module.css';

/**
 * LanguageSwitch offers ID and EN as two toggle buttons, one tap each. Each
 * button's name is its language in that language ("Bahasa Indonesia (ID)",
 * "English (EN)"), so a reader finds their own language whatever is shown.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = currentLanguage();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')} wrap="nowrap">
      {languages.map((l) => (
        <UnstyledButton
          key={l}
          lang={l}
          className={classes.button}
          aria-pressed={current === l}
          aria-label={t(`language.${l}`)}
          onClick={() => void i18n.changeLanguage(l)}
        >
          {l.toUpperCase()}
        </UnstyledButton>
      ))}
    </Group>
  );
}
