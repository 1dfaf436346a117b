import { Badge, NavLink, Stack, Text } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';
import { canWorkQueue, isStaff } from '../../../shared/domain/access';
import type { AppRoute } from '../../app/routes';
import { hrefFor, matchPath } from '../../app/router';
import type { IconProps } from '../../ui/icons';
import { IconBookmark, IconStack } from './queue-icons';
import { useActor, useQueues, useSavedViews, useViewCounts } from './use-queue-data';
import type { ViewCounts } from './views';

/**
 * The top of the sidebar: My work, the queues the user works (each with its
 * open count), Unassigned, Breaching soon and the user's saved views. Counts
 * come from the in-memory queue rows, so they follow every local change.
 */
const Count = ({ n, alert, label }: { n: number | undefined; alert?: boolean; label: string }) =>
  n === undefined ? null : (
    <Badge
      size="sm"
      radius="sm"
      // Zero stays readable but quiet: the eye should land on the queues with work.
      variant={alert && n > 0 ? 'filled' : n > 0 ? 'light' : 'transparent'}
      color={alert && n > 0 ? 'red.8' : 'gray'}
      c={n === 0 ? 'dimmed' : undefined}
      aria-label={`${n} ${label}`}
      miw={26}
      data-testid="nav-count"
    >
      {n > 9999 ? `${Math.floor(n / 1000)}k` : n}
    </Badge>
  );

const Link = (props: {
  href: string;
  label: string;
  icon: ComponentType<IconProps>;
  active: boolean;
  right?: ReactNode;
  onNavigate?: () => void;
  indent?: boolean;
  testId?: string;
}) => {
  const Icon = props.icon;
  return (
    <NavLink
      href={props.href}
      label={props.label}
      leftSection={<Icon size={props.indent ? 16 : 18} />}
      rightSection={props.right}
      active={props.active}
      aria-current={props.active ? 'page' : undefined}
      className="outpost-nav-link"
      variant="light"
      onClick={props.onNavigate}
      pl={props.indent ? 'lg' : undefined}
      data-testid={props.testId}
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
    />
  );
};

/** Open counts by route id, for the record-type entries further down the sidebar. */
export const countsByRoute = (c: ViewCounts | null): Record<string, number> | null =>
  c && {
    work: c.mine,
    unassigned: c.unassigned,
    breaching: c.breaching,
    incidents: c.types.incident,
    requests: c.types.request,
    problems: c.types.problem,
    changes: c.types.change,
  };

export const WorkNav = (props: {
  items: readonly AppRoute[];
  path: string;
  onNavigate?: () => void;
}) => {
  const actor = useActor();
  const queues = useQueues();
  const saved = useSavedViews() ?? [];
  const counts = useViewCounts();
  const byRoute = countsByRoute(counts);
  if (!isStaff(actor)) return null;
  const mine = [...queues.values()]
    .filter((q) => !q.disabled && (actor.queueIds.includes(q.id) || canWorkQueue(actor, q.id)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const item = (r: AppRoute) => (
    <Link
      key={r.id}
      href={hrefFor(r.path)}
      label={r.nav!.label}
      icon={r.nav!.icon}
      active={matchPath(r.path, props.path) !== null}
      right={
        <Count
          n={byRoute?.[r.id]}
          alert={r.id === 'breaching'}
          label={r.id === 'breaching' ? 'breaching soon' : 'open'}
        />
      }
      onNavigate={props.onNavigate}
      testId={`nav-${r.id}`}
    />
  );
  const [first, ...rest] = props.items;
  return (
    <Stack gap={2} data-testid="nav-section-work">
      {first ? item(first) : null}
      {mine.length > 0 ? (
        <>
          <Text size="xs" fw={600} c="gray.7" tt="uppercase" px="sm" pt={8} pb={4} lts={0.5}>
            Queues
          </Text>
          {mine.map((q) => (
            <Link
              key={q.id}
              href={hrefFor(`/queues/${q.id}`)}
              label={q.name}
              icon={IconStack}
              active={props.path === `/queues/${q.id}`}
              right={<Count n={counts ? (counts.queues.get(q.id) ?? 0) : undefined} label="open" />}
              onNavigate={props.onNavigate}
              testId={`nav-queue-${q.name}`}
            />
          ))}
          <div style={{ height: 6 }} />
        </>
      ) : null}
      {rest.map(item)}
      {saved.length > 0 ? (
        <>
          <Text size="xs" fw={600} c="gray.7" tt="uppercase" px="sm" pt={8} pb={4} lts={0.5}>
            Saved views
          </Text>
          {saved.map((v) => (
            <Link
              key={v.id}
              href={hrefFor(`/views/${v.id}`)}
              label={v.name}
              icon={IconBookmark}
              active={props.path === `/views/${v.id}`}
              onNavigate={props.onNavigate}
              testId={`nav-view-${v.name}`}
            />
          ))}
        </>
      ) : null}
    </Stack>
  );
};

/** Open counts for the record-type entries (Incidents, Requests…). */
export const useRouteCounts = (): Record<string, number> | null => countsByRoute(useViewCounts());
