import type { SVGProps } from 'react';

// A few stroke icons drawn in the style of Tabler icons (24px grid, 2px
// stroke, round joins), kept here rather than pulling an icon package for
// a handful of shapes. Decorative by default: the text beside them speaks.

type IconProps = SVGProps<SVGSVGElement> & { size?: number | string };

function Svg({ size = 20, children, ...rest }: IconProps) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

/** IconCircleCheck marks the green zone. */
export function IconCircleCheck(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8.5 12.5l2.5 2.5l4.5-5" />
    </Svg>
  );
}

/** IconTriangleAlert marks the yellow zone. */
export function IconTriangleAlert(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M10.3 3.9L2.4 17.5a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
      <path d="M12 9v4" />
      <path d="M12 17h.01" />
    </Svg>
  );
}

/** IconOctagonX marks the red zone. */
export function IconOctagonX(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M8.7 3h6.6L21 8.7v6.6L15.3 21H8.7L3 15.3V8.7z" />
      <path d="M9.5 9.5l5 5M14.5 9.5l-5 5" />
    </Svg>
  );
}

/** IconMinusCircle marks a missing value. */
export function IconMinusCircle(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12h8" />
    </Svg>
  );
}

/** IconAlertCircle heads an error message. */
export function IconAlertCircle(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 8v4" />
      <path d="M12 16h.01" />
    </Svg>
  );
}

/** IconInbox illustrates an empty list. */
export function IconInbox(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M4 4h16v16H4z" />
      <path d="M4 13h4l3 3h2l3-3h4" />
    </Svg>
  );
}

/** IconChartBar stands for results. */
export function IconChartBar(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M3 20h18" />
      <path d="M6 16V10M11 16V5M16 16v-8" />
    </Svg>
  );
}

/** IconHome stands for the landing page. */
export function IconHome(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M5 12H3l9-9l9 9h-2" />
      <path d="M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7" />
      <path d="M10 21v-6h4v6" />
    </Svg>
  );
}

/** IconLayout stands for the signed-in dashboard. */
export function IconLayout(p: IconProps) {
  return (
    <Svg {...p}>
      <rect x="4" y="4" width="16" height="16" rx="2" />
      <path d="M4 10h16M10 10v10" />
    </Svg>
  );
}

/** IconLogin stands for signing in. */
export function IconLogin(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2" />
      <path d="M20 12H9l3-3M12 15l-3-3" />
    </Svg>
  );
}

/** IconLogout stands for signing out. */
export function IconLogout(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2" />
      <path d="M9 12h12l-3-3M18 15l3-3" />
    </Svg>
  );
}

/** IconUser stands for the signed-in user. */
export function IconUser(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="12" cy="8" r="4" />
      <path d="M6 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2" />
    </Svg>
  );
}

/** IconCompass illustrates "page not found". */
export function IconCompass(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 16l2-6l6-2l-2 6z" />
    </Svg>
  );
}
