import type { ReactNode, SVGProps } from 'react';

/** Icons the ticket view needs beyond the shared set (same 24-grid line style). */
type Props = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

const make = (name: string, body: ReactNode) => {
  const Icon = ({ size = 16, ...rest }: Props) => (
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

export const IconPencil = make('Pencil', <path d="M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4" />);
export const IconClip = make(
  'Clip',
  <path d="m20 11.5-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />,
);
export const IconLink = make(
  'Link',
  <>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </>,
);
export const IconClock = make(
  'Clock',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </>,
);
export const IconDownload = make('Download', <path d="M12 4v11m-4.5-4.5L12 15l4.5-4.5M5 20h14" />);
export const IconUpload = make('Upload', <path d="M12 16V5m-4.5 4.5L12 5l4.5 4.5M5 20h14" />);
export const IconSyncPending = make(
  'SyncPending',
  <>
    <path d="M20 12a8 8 0 1 1-2.3-5.6" />
    <path d="M20 4v4h-4" />
    <path d="M12 8v4l2.5 1.5" />
  </>,
);
export const IconFile = make(
  'File',
  <>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5Z" />
    <path d="M14 3v5h5" />
  </>,
);
export const IconNote = make(
  'Note',
  <>
    <path d="M5 4h14v12l-4 4H5V4Z" />
    <path d="M15 20v-4h4M9 9h6M9 13h4" />
  </>,
);
export const IconRaised = make(
  'Raised',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 8.5v7M8.5 12h7" />
  </>,
);
/** Two arrows crossing: one value replaced by another. */
export const IconReplaced = make('Replaced', <path d="M4 8h13l-3-3M20 16H7l3 3" />);
export const IconArrow = make('Arrow', <path d="M5 12h14m-5-5 5 5-5 5" />);
export const IconUser = make(
  'User',
  <>
    <circle cx="12" cy="8" r="4" />
    <path d="M4.5 20a7.5 7.5 0 0 1 15 0" />
  </>,
);
