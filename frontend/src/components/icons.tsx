import type { SVGProps } from 'react';

// A few stroke icons drawn in the style of Tabler icons (24px grid, 2px
// stroke, round joins), kept here rather than pulling an icon package for
// a handful of shapes. Decorative by default: the text beside them speaks.

/** IconProps are an icon's SVG attributes and its size in pixels. */
export type IconProps = SVGProps<SVGSVGElement> & { size?: number | string };

/** Svg is the frame every icon is drawn in (24px grid, 2px stroke). */
export function Svg({ size = 20, children, ...rest }: IconProps) {
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

/** IconClipboardList stands for the assessor's work. */
export function IconClipboardList(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2" />
      <rect x="9" y="3" width="6" height="4" rx="1" />
      <path d="M9 12h.01M13 12h2M9 16h.01M13 16h2" />
    </Svg>
  );
}

/** IconClipboardCheck stands for review. */
export function IconClipboardCheck(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2" />
      <rect x="9" y="3" width="6" height="4" rx="1" />
      <path d="M9 14l2 2l4-4" />
    </Svg>
  );
}

/** IconCheck marks something done or saved. */
export function IconCheck(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M5 12l5 5L20 7" />
    </Svg>
  );
}

/** IconCloudOff marks work kept on the device until the connection returns. */
export function IconCloudOff(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M3 3l18 18" />
      <path d="M18 18H7a4 4 0 0 1-.9-7.9M9.6 5.6A6 6 0 0 1 18 10a4 4 0 0 1 2.6 7" />
    </Svg>
  );
}

/** IconArrowBack marks a unit sent back for correction. */
export function IconArrowBack(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M9 14L4 9l5-5" />
      <path d="M4 9h11a5 5 0 0 1 0 10h-3" />
    </Svg>
  );
}

/** IconSend marks submitting. */
export function IconSend(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M10 14L21 3" />
      <path d="M21 3l-6.5 18a.55.55 0 0 1-1 0L10 14l-7-3.5a.55.55 0 0 1 0-1z" />
    </Svg>
  );
}

/** IconCamera takes a photo. */
export function IconCamera(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M5 7h2l2-3h6l2 3h2a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2" />
      <circle cx="12" cy="13" r="3.5" />
    </Svg>
  );
}

/** IconPaperclip attaches a file. */
export function IconPaperclip(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M15 7l-6.5 6.5a1.5 1.5 0 0 0 3 3L18 10a3 3 0 0 0-6-6l-6.5 6.5a4.5 4.5 0 0 0 9 9L21 13" />
    </Svg>
  );
}

/** IconFile stands for a document. */
export function IconFile(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M14 3v4a1 1 0 0 0 1 1h4" />
      <path d="M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z" />
    </Svg>
  );
}

/** IconGitCompare marks two versions side by side (a conflict). */
export function IconGitCompare(p: IconProps) {
  return (
    <Svg {...p}>
      <circle cx="6" cy="6" r="2" />
      <circle cx="18" cy="18" r="2" />
      <path d="M11 6h5a2 2 0 0 1 2 2v8M13 18H8a2 2 0 0 1-2-2V8" />
      <path d="M14 9l-3-3l3-3M10 15l3 3l-3 3" />
    </Svg>
  );
}

/** IconMessage marks a reviewer's comment. */
export function IconMessage(p: IconProps) {
  return (
    <Svg {...p}>
      <path d="M8 9h8M8 13h6" />
      <path d="M18 4a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3h-5l-5 3v-3H6a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3z" />
    </Svg>
  );
}
