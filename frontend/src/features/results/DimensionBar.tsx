import { Box, Group, Progress, Text, VisuallyHidden } from '@mantine/core';
import { useFormat } from '../../i18n/format';

/** DimensionBarProps: points earned in a dimension out of its weight. */
export interface DimensionBarProps {
  points: number | null | undefined;
  max: number | null | undefined;
  /** The bar's length in percent; computed from points and max when absent. */
  percent?: number | null;
  /** The dimension's name, when the bar is not in a column or row named after it. */
  label?: string;
  width?: number;
}

/**
 * DimensionBar draws a dimension's points as a small bar with the number
 * beside it ("19,77 / 21,85"); the bar is decoration, the number speaks.
 */
export function DimensionBar({ points, max, percent, label, width = 120 }: DimensionBarProps) {
  const f = useFormat();
  if (points === null || points === undefined || !max) {
    return (
      <Text span size="sm" c="dimmed">
        –
      </Text>
    );
  }
  const pct = percent ?? (points / max) * 100;
  return (
    <Box miw={width} data-dimension={label}>
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Text span size="sm" fw={600} className="p4-tabular">
          {label && <VisuallyHidden>{label}: </VisuallyHidden>}
          {f.score(points)}
        </Text>
        <Text span size="xs" c="dimmed" className="p4-tabular" style={{ whiteSpace: 'nowrap' }}>
          / {f.score(max)}
        </Text>
      </Group>
      <Progress value={Math.max(0, Math.min(100, pct))} size={6} color="navy.6" mt={2} aria-hidden="true" />
    </Box>
  );
}

/** dimensionLabel picks a dimension's name in the UI's language. */
export function dimensionLabel(d: { code: string; name?: string | null; name_en?: string | null } | undefined, lang: string, fallback = ''): string {
  if (!d) return fallback;
  if (lang === 'en' && d.name_en) return d.name_en;
  return d.name ?? d.code ?? fallback;
}
