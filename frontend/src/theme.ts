import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Container,
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
  Input,
  Loader,
  NativeSelect,
  Paper,
  PasswordInput,
  Table,
  TextInput,
  Title,
  rem,
  type MantineColorsTuple,
} from '@mantine/core';
import type { Zone } from './domain/types';

// The P4 look: sober, legible, calm. Deep navy carries the brand and every
// primary action; the traffic-light colours are reserved for zones so that
// green, yellow and red always mean a result, never decoration.

/** navy is the primary scale; shade 8 is the brand colour (white on it: 9.1:1). */
const navy: MantineColorsTuple = [
  '#edf2fa',
  '#d7e1f1',
  '#aec2e3',
  '#84a1d4',
  '#5f84c7',
  '#4872bf',
  '#3a67ba',
  '#2b56a3',
  '#1f4788',
  '#133465',
];

/** slate is the neutral scale for text, borders and backgrounds. */
const slate: MantineColorsTuple = [
  '#f5f7fa',
  '#e9edf2',
  '#d3dae3',
  '#b4bfcc',
  '#8a98aa',
  '#66758a',
  '#4e5c70',
  '#3b4758',
  '#283241',
  '#171e29',
];

/**
 * zoneColors are the one source of zone colours, for chips and charts.
 * Text on its background passes WCAG AA (≥ 7:1); the border and the solid
 * chart colour reach 3:1 against white, as non-text contrast requires.
 */
export const zoneColors: Record<Zone, { text: string; background: string; border: string; solid: string }> = {
  green: { text: '#14532d', background: '#e3f4e8', border: '#2b7a3d', solid: '#2f8a46' },
  yellow: { text: '#573f00', background: '#fff3c4', border: '#a87800', solid: '#d9a300' },
  red: { text: '#861b1b', background: '#fde4e4', border: '#b83227', solid: '#c0392b' },
};

/** brand colours used outside Mantine components (header, focus ring). */
export const brand = {
  header: '#0f2b57',
  headerText: '#ffffff',
  focus: '#ffbf47',
  pageBackground: slate[0],
};

/**
 * variantColorResolver darkens the text of "light" variants (alerts, active
 * navigation, light buttons) to shade 9: Mantine's default shade 6 on a
 * tinted background is below AA contrast for red (about 3.2:1).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  return { ...colors, color: `var(--mantine-color-${parsed.color}-9)` };
};

/** theme is the Mantine theme for the whole product. */
export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 8,
  colors: { navy, slate },
  black: '#171e29',
  white: '#ffffff',
  autoContrast: true,
  variantColorResolver,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace',
  // 16px body text; small text never drops below 14px.
  fontSizes: {
    xs: '0.875rem',
    sm: '0.9375rem',
    md: '1rem',
    lg: '1.125rem',
    xl: '1.25rem',
  },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.55', lg: '1.6', xl: '1.65' },
  headings: {
    fontWeight: '700',
    textWrap: 'balance',
    sizes: {
      h1: { fontSize: '2rem', lineHeight: '1.25' },
      h2: { fontSize: '1.5rem', lineHeight: '1.3' },
      h3: { fontSize: '1.25rem', lineHeight: '1.35' },
      h4: { fontSize: '1.125rem', lineHeight: '1.4' },
    },
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  respectReducedMotion: true,
  // A two-tone ring (amber inside, navy outside) that shows on the navy
  // header and on white alike; defined in styles/global.css.
  focusClassName: 'p4-focus',
  other: { zoneColors, brand },
  components: {
    // Touch targets: buttons and inputs of the sizes we use are at least 44px tall.
    Button: Button.extend({
      defaultProps: { size: 'md' },
      vars: (_theme, props) =>
        props.size === 'lg' || props.size === 'xl' ? { root: {} } : { root: { '--button-height': rem(44) } },
    }),
    Input: Input.extend({
      vars: (_theme, props) =>
        props.size === 'lg' || props.size === 'xl' ? { wrapper: {} } : { wrapper: { '--input-height': rem(44) } },
    }),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 44 } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'md' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'md' } }),
    // Selects sit side by side in filter rows: a hint goes under the box so
    // that the boxes stay aligned.
    NativeSelect: NativeSelect.extend({
      defaultProps: { size: 'md', inputWrapperOrder: ['label', 'input', 'description', 'error'] },
    }),
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    Alert: Alert.extend({ defaultProps: { variant: 'light' } }),
    Loader: Loader.extend({ defaultProps: { type: 'dots' } }),
    Paper: Paper.extend({ defaultProps: { withBorder: true, radius: 'md', p: 'lg' } }),
    Container: Container.extend({ defaultProps: { size: 'lg' } }),
    Table: Table.extend({ defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } }),
    Title: Title.extend({ defaultProps: { c: 'navy.9' } }),
  },
});

/**
 * cssVariablesResolver darkens Mantine's "dimmed" grey and error red, both
 * below AA contrast by default; ours are 6.3:1 and 6.6:1.
 */
export const cssVariablesResolver = () => ({
  variables: {
    '--p4-header-bg': brand.header,
    '--p4-header-text': brand.headerText,
    '--p4-focus': brand.focus,
  },
  light: {
    '--mantine-color-dimmed': slate[6],
    '--mantine-color-body': '#ffffff',
    // Field errors: 6.6:1 on white instead of Mantine's 3.4:1.
    '--mantine-color-error': '#b3261e',
  },
  dark: {},
});
