import { Text } from '@mantine/core';
import { useId } from 'react';
import css from './Choice.module.css';

/** ChoiceOption is one answer of a ChoiceGroup. */
export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * ChoiceGroup is one question answered with a tap: native radio buttons
 * drawn as large buttons (at least 48 px high), with the question as the
 * group's legend and the server's error beside it.
 */
export function ChoiceGroup({
  legend,
  hint,
  name,
  options,
  value,
  onChange,
  error,
  disabled,
}: {
  legend: string;
  hint?: string;
  name: string;
  options: readonly ChoiceOption[];
  value: string | undefined;
  onChange: (v: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <fieldset className={`${css.group} ${error ? css.invalid : ''}`} aria-describedby={error ? `${id}-err` : undefined} aria-invalid={!!error || undefined}>
      <Text component="legend" fw={700} mb={hint ? 2 : 6}>
        {legend}
      </Text>
      {hint && (
        <Text size="sm" c="dimmed" mb={6}>
          {hint}
        </Text>
      )}
      <div className={css.options}>
        {options.map((o) => (
          <label key={o.value} className={css.option}>
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} disabled={disabled} />
            {value === o.value && (
              <span className={css.mark} aria-hidden="true">
                ✓
              </span>
            )}
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <Text id={`${id}-err`} size="sm" c="red.8" mt={4} role="alert">
          {error}
        </Text>
      )}
    </fieldset>
  );
}
