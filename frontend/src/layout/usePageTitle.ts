import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** usePageTitle names the browser tab after the page: "Hasil Penilaian Publik · P4". */
export function usePageTitle(page: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = page ? t('app.pageTitle', { page }) : t('app.name');
  }, [page, t]);
}
