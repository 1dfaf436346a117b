import type { ReactNode, SVGProps } from 'react';

/**
 * Line icons drawn for Outpost (24×24 grid, 1.75 stroke, currentColor), so
 * no icon font or package is loaded and the CSP stays 'self'-only.
 */
export type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

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

export const IconIncident = icon(
  'Incident',
  <>
    <path d="M12 3 2.5 20h19L12 3Z" />
    <path d="M12 10v4.5" />
    <path d="M12 17.5h.01" />
  </>,
);
export const IconRequest = icon(
  'Request',
  <>
    <path d="M4 13h4l1.5 3h5L16 13h4" />
    <path d="M4 13 6.5 5h11L20 13v6H4v-6Z" />
  </>,
);
export const IconProblem = icon(
  'Problem',
  <>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m20.5 20.5-4.8-4.8" />
    <path d="M11 8.5v3" />
    <path d="M11 14h.01" />
  </>,
);
export const IconChange = icon(
  'Change',
  <>
    <path d="M4 8h13" />
    <path d="m14 4.5 3.5 3.5-3.5 3.5" />
    <path d="M20 16H7" />
    <path d="m10 12.5-3.5 3.5 3.5 3.5" />
  </>,
);
export const IconKnowledge = icon(
  'Knowledge',
  <>
    <path d="M4 5.5A1.5 1.5 0 0 1 5.5 4H11v16H5.5A1.5 1.5 0 0 1 4 18.5v-13Z" />
    <path d="M20 5.5A1.5 1.5 0 0 0 18.5 4H13v16h5.5a1.5 1.5 0 0 0 1.5-1.5v-13Z" />
  </>,
);
export const IconReports = icon(
  'Reports',
  <>
    <path d="M4 20h16" />
    <path d="M7 16v-5" />
    <path d="M12 16V6" />
    <path d="M17 16v-8" />
  </>,
);
export const IconUsers = icon(
  'Users',
  <>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
    <path d="M16 4.6a3.5 3.5 0 0 1 0 6.8" />
    <path d="M18.5 14.5a6.5 6.5 0 0 1 3 5.5" />
  </>,
);
export const IconQueues = icon(
  'Queues',
  <>
    <path d="m12 3 9 4.5-9 4.5-9-4.5L12 3Z" />
    <path d="m3 12 9 4.5 9-4.5" />
    <path d="m3 16.5 9 4.5 9-4.5" />
  </>,
);
export const IconShield = icon(
  'Shield',
  <>
    <path d="M12 3 4.5 6v5.5c0 4.4 3.1 8 7.5 9.5 4.4-1.5 7.5-5.1 7.5-9.5V6L12 3Z" />
    <path d="m9 12 2 2 4-4" />
  </>,
);
export const IconLogout = icon(
  'Logout',
  <>
    <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4" />
    <path d="M10 16.5 5.5 12 10 7.5" />
    <path d="M5.5 12H15" />
  </>,
);
export const IconKeyboard = icon(
  'Keyboard',
  <>
    <rect x="2.5" y="6" width="19" height="12" rx="2" />
    <path d="M6.5 10h.01M10 10h.01M14 10h.01M17.5 10h.01M7.5 14h9" />
  </>,
);
export const IconSearch = icon(
  'Search',
  <>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m20 20-4.2-4.2" />
  </>,
);
export const IconChevronDown = icon('ChevronDown', <path d="m6 9 6 6 6-6" />);
export const IconPlus = icon(
  'Plus',
  <>
    <path d="M12 5v14" />
    <path d="M5 12h14" />
  </>,
);
export const IconDots = icon(
  'Dots',
  <>
    <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth={3} />
  </>,
);
export const IconAlert = icon(
  'Alert',
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5" />
    <path d="M12 16.5h.01" />
  </>,
);
export const IconCloudOff = icon(
  'CloudOff',
  <>
    <path d="M7.5 18H17a4 4 0 0 0 1.6-7.7A6 6 0 0 0 8 7.2" />
    <path d="M5.2 9.6A4.5 4.5 0 0 0 7.5 18" />
    <path d="m3 3 18 18" />
  </>,
);
export const IconRefresh = icon(
  'Refresh',
  <>
    <path d="M19.5 11A7.5 7.5 0 0 0 6 6.5L4 8.5" />
    <path d="M4 4v4.5h4.5" />
    <path d="M4.5 13A7.5 7.5 0 0 0 18 17.5l2-2" />
    <path d="M20 20v-4.5h-4.5" />
  </>,
);
export const IconLock = icon(
  'Lock',
  <>
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
  </>,
);
export const IconSettings = icon(
  'Settings',
  <>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z" />
  </>,
);
export const IconServer = icon(
  'Server',
  <>
    <rect x="3.5" y="4" width="17" height="7" rx="1.5" />
    <rect x="3.5" y="13" width="17" height="7" rx="1.5" />
    <path d="M7 7.5h.01M7 16.5h.01" />
  </>,
);
export const IconLogo = icon(
  'Logo',
  <>
    <path d="M12 2.5 3.5 7v10l8.5 4.5 8.5-4.5V7L12 2.5Z" />
    <path d="m3.5 7 8.5 4.5L20.5 7" />
    <path d="M12 11.5v10" />
  </>,
);
