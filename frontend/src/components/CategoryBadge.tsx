import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Category } from '../domain/types';

/** CategoryBadgeProps: the band letter, or nothing for methods without letters. */
export interface CategoryBadgeProps {
  category: Category | null | undefined;
}

/** CategoryBadge shows a band letter as "Kategori A" / "Category A". */
export function CategoryBadge({ category }: CategoryBadgeProps) {
  const { t } = useTranslation();
  if (!category) {
    return (
      <Text span c="dimmed" size="sm">
        {t('category.none')}
      </Text>
    );
  }
  return (
    <Text
      span
      data-category={category}
      size="sm"
      fw={600}
      c="navy.9"
      bg="navy.0"
      px={8}
      py={2}
      style={{
        border: '1px solid var(--mantine-color-navy-7)',
        borderRadius: 'var(--mantine-radius-sm)',
        whiteSpace: 'nowrap',
      }}
    >
      {t('category.label', { letter: category })}
    </Text>
  );
}
