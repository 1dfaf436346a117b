import type { ReactNode } from 'react';
import type { IconProps } from '../../ui/icons';

/** Icons of the queue views, drawn like ui/icons.tsx (24×24, 1.75 stroke, currentColor). */
const icon = (name: string, body: ReactNode) => {
  const Icon = ({ size = 18, ...rest }: IconProps) => (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {body}
    </svg>
  );
  Icon.displayName = `Icon${name}`;
  return Icon;
};

export const IconInbox = icon(
  'Inbox',
  <>
    <path d="M4 13h4l1.5 2.5h5L16 13h4" />
    <path d="M5.5 5h13L20 13v6H4v-6L5.5 5Z" />
  </>,
);
export const IconUnassigned = icon(
  'Unassigned',
  <>
    <circle cx="10" cy="8" r="3.5" />
    <path d="M3.5 20a6.5 6.5 0 0 1 11.3-4.4" />
    <path d="M16 17h5" />
  </>,
);
export const IconClock = icon(
  'Clock',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </>,
);
export const IconStack = icon(
  'Stack',
  <>
    <path d="m12 4 8.5 4.5L12 13 3.5 8.5 12 4Z" />
    <path d="m3.5 12.5 8.5 4.5 8.5-4.5" />
  </>,
);
export const IconBookmark = icon('Bookmark', <path d="M7 4h10v16l-5-3.5L7 20V4Z" />);
export const IconCheckCircle = icon(
  'CheckCircle',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="m8.5 12.5 2.5 2.5 4.5-5" />
  </>,
);
export const IconFilterOff = icon(
  'FilterOff',
  <>
    <path d="M4 5h16l-6 7.5V19l-4-2v-4.5L4 5Z" />
    <path d="m3 3 18 18" />
  </>,
);
