import { Svg as Frame, type IconProps } from '../../components/icons';

// Icons of the results screens, drawn in the shared frame of
// components/icons.tsx, 16px by default. Decorative: the text beside them speaks.

function Svg(p: IconProps) {
  return <Frame size={16} {...p} />;
}

/** IconArrowUp marks a rise in rank. */
export function IconArrowUp(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 19V5M6 11l6-6l6 6" />
    </Svg>
  );
}

/** IconArrowDown marks a fall in rank. */
export function IconArrowDown(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M12 5v14M6 13l6 6l6-6" />
    </Svg>
  );
}

/** IconEqual marks an unchanged rank. */
export function IconEqual(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M5 10h14M5 14h14" />
    </Svg>
  );
}

/** IconUnlink marks a comparison that does not hold (another method). */
export function IconUnlink(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M10 14a3.5 3.5 0 0 0 5 0l3-3a3.5 3.5 0 0 0-5-5l-.5.5" />
      <path d="M14 10a3.5 3.5 0 0 0-5 0l-3 3a3.5 3.5 0 0 0 5 5l.5-.5" />
      <path d="M4 4l16 16" />
    </Svg>
  );
}

/** IconSort marks a sortable column that is not sorted. */
export function IconSort(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M8 9l4-4l4 4M16 15l-4 4l-4-4" />
    </Svg>
  );
}

/** IconChevronUp marks an ascending sort. */
export function IconChevronUp(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M6 15l6-6l6 6" />
    </Svg>
  );
}

/** IconChevronDown marks a descending sort. */
export function IconChevronDown(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M6 9l6 6l6-6" />
    </Svg>
  );
}

/** IconDownload stands for a file download. */
export function IconDownload(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
      <path d="M7 11l5 5l5-5M12 4v12" />
    </Svg>
  );
}

/** IconFlask stands for a simulation. */
export function IconFlask(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M9 3h6M10 3v6L5 19a1.5 1.5 0 0 0 1.3 2h11.4a1.5 1.5 0 0 0 1.3-2L14 9V3" />
      <path d="M7.5 15h9" />
    </Svg>
  );
}

/** IconListNumbers stands for the rankings. */
export function IconListNumbers(p: IconProps) {
  return (
    <Svg size={20} {...p}>
      <path d="M11 6h9M11 12h9M12 18h8" />
      <path d="M4 16a2 2 0 1 1 4 0c0 .6-.3 1-.6 1.3L4 20h4M6 10V4L4 6" />
    </Svg>
  );
}

/** IconReportCard stands for the agency's report card. */
export function IconReportCard(p: IconProps) {
  return (
    <Svg size={20} {...p}>
      <path d="M8 5H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2" />
      <rect x="8" y="3" width="8" height="4" rx="1" />
      <path d="M8 13l2 2l4-4" />
    </Svg>
  );
}
