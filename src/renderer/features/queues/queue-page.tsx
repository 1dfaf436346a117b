import { Alert, Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useCallback, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { hasRole } from '../../../shared/domain/accounts';
import { registerShortcutHelp, useKeyBindings } from '../../app/shortcut-registry';
import { hrefFor, navigate } from '../../app/router';
import { useCurrentUser } from '../../session/session-store';
import type { IconProps } from '../../ui/icons';
import { Page } from '../../ui/page';
import { useNow } from '../../ui/use-now';
import { IconFilterOff } from './queue-icons';
import { QueueGrid } from './queue-grid';
import { GridEmpty, GridError, GridLoading } from './queue-states';
import { QueueToolbar } from './queue-toolbar';
import type { SavedView } from './saved-views';
import { useActor, useQueues, useRowStore, useUsers } from './use-queue-data';
import { ViewActions } from './view-actions';
import { ViewSelection } from './view-selection';
import { initialViewState, scrollPositions, useViewStates, type ViewState } from './view-state';
import {
  facetsOf,
  firstDirection,
  inBase,
  isFiltered,
  rowsToScan,
  type SortKey,
  type ViewBase,
  type ViewFilters,
} from './views';

registerShortcutHelp({
  id: 'queues',
  title: 'Ticket lists',
  order: 20,
  items: [
    { keys: ['j'], description: 'Select the next ticket' },
    { keys: ['k'], description: 'Select the previous ticket' },
    { keys: ['Enter'], description: 'Open the selected ticket' },
    { keys: ['/'], description: 'Filter the list by number or title' },
    { keys: ['Esc'], description: 'Clear the filter text, then the selection' },
  ],
});

export interface QueueViewSpec {
  /** Identifies the view's session state (filters, sort, selection). */
  key: string;
  base: ViewBase;
  title: string;
  description: ReactNode;
  icon: ComponentType<IconProps>;
  empty: { title: string; text: ReactNode; action?: ReactNode };
  saved?: SavedView;
  /** Name the user's queues above the list (the record-type pages). */
  showMyQueues?: boolean;
}

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

export const QueuePage = ({ spec }: { spec: QueueViewSpec }) => {
  const user = useCurrentUser();
  const actor = useActor();
  const users = useUsers();
  const queues = useQueues();
  const { store, view } = useRowStore();
  const now = useNow(15_000);
  const initial = useMemo(
    () => initialViewState(spec.saved?.filters, spec.saved?.sort),
    [spec.saved],
  );
  const state: ViewState = useViewStates((s) => s.views[spec.key]) ?? initial;
  const patchState = useViewStates((s) => s.patch);
  const patch = useCallback(
    (p: Partial<ViewState>) => patchState(spec.key, p, initial),
    [patchState, spec.key, initial],
  );
  const { filters, sort, selectedId } = state;
  const gridRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLInputElement>(null);

  // Only views that read the clock re-run when it ticks (the countdowns re-render anyway).
  const clockBound = spec.base.kind === 'breaching' || filters.sla.length > 0;
  // Views that do not read the clock get 0: nothing in them looks at it.
  const selectNow = clockBound ? now : 0;
  const nameOf = useCallback((id: string) => users.get(id)?.displayName ?? '', [users]);
  const loaded = view.status.loaded;
  const ready = loaded === 'all' || (loaded === 'open' && filters.openOnly);
  const [selection] = useState(() => new ViewSelection());
  const rows = useMemo(
    () =>
      ready
        ? selection.rows(store, view.version, spec.base, filters, sort, {
            actor,
            now: selectNow,
            nameOf,
          })
        : [],
    // `view.version` stands for the rows, which change in place.
    [ready, view.version, spec.base, filters, sort, selectNow, actor, nameOf, store, selection],
  );
  const viewCtx = { actor, now, nameOf };
  const facets = () =>
    facetsOf(rowsToScan(store, spec.base, filters.openOnly), spec.base, filters.openOnly, viewCtx);

  const setFilters = (f: ViewFilters) => {
    scrollPositions.set(spec.key, 0);
    patch({ filters: f });
  };
  const onSort = (key: SortKey) =>
    patch({
      sort:
        sort.key === key
          ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' }
          : { key, dir: firstDirection(key) },
    });
  const open = (id: string) => navigate(`/tickets/${id}`);
  const step = (by: number) => {
    if (rows.length === 0) return;
    const at = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
    const next = at < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, at + by));
    patch({ selectedId: rows[next]!.id });
    gridRef.current?.focus({ preventScroll: true });
  };
  useKeyBindings([
    { keys: 'j', run: () => step(1) },
    { keys: 'k', run: () => step(-1) },
    { keys: '/', run: () => textRef.current?.focus() },
  ]);

  const filtered = isFiltered(filters);
  let placeholder: ReactNode;
  if (view.status.error) {
    placeholder = <GridError message={view.status.error} onRetry={store.retry} />;
  } else if (!ready) {
    placeholder = <GridLoading progress={view.status.progress} />;
  } else if (filtered) {
    let inView = 0;
    for (const r of rowsToScan(store, spec.base, filters.openOnly))
      if ((r.open || !filters.openOnly) && inBase(spec.base, r, viewCtx)) inView++;
    placeholder = (
      <GridEmpty
        icon={<IconFilterOff size={28} />}
        title="No tickets match these filters"
        text={
          inView > 0
            ? `${plural(inView, 'ticket')} in this view, none matching. Clear the filters to see them.`
            : 'This view is empty even without filters.'
        }
        action={
          <Button
            size="xs"
            variant="default"
            onClick={() => setFilters({ ...initial.filters, openOnly: true })}
          >
            Clear filters
          </Button>
        }
      />
    );
  } else {
    const Icon = spec.icon;
    placeholder = <GridEmpty icon={<Icon size={28} />} {...spec.empty} />;
  }

  const myQueues = actor.queueIds.flatMap((id) => (queues.get(id) ? [queues.get(id)!] : []));
  const savedChanged =
    spec.saved !== undefined &&
    JSON.stringify({ f: spec.saved.filters, s: spec.saved.sort }) !==
      JSON.stringify({ f: filters, s: sort });

  return (
    <Page
      title={spec.title}
      description={spec.description}
      actions={
        <ViewActions
          base={spec.base}
          filters={filters}
          sort={sort}
          saved={spec.saved}
          changed={savedChanged}
        />
      }
    >
      {spec.showMyQueues && myQueues.length > 0 ? (
        <Group gap={6} data-testid="my-queues">
          <Text size="sm" c="dimmed">
            Your queues:
          </Text>
          {myQueues.map((q) => (
            <Badge
              key={q.id}
              component="a"
              href={hrefFor(`/queues/${q.id}`)}
              variant="light"
              color="gray"
              tt="none"
              fw={500}
              style={{ cursor: 'pointer' }}
            >
              {q.name}
            </Badge>
          ))}
        </Group>
      ) : null}
      {user.queueIds.length === 0 ? (
        <Alert variant="light" color="yellow" title="You are not in any queue yet">
          {hasRole(user, 'admin') ? (
            <Text size="sm">
              Records reach people through their queues. Create a queue under{' '}
              <Anchor href={hrefFor('/admin/queues')}>Admin › Queues</Anchor> and add people to it
              under <Anchor href={hrefFor('/admin/users')}>Admin › Users</Anchor>.
            </Text>
          ) : (
            <Text size="sm">
              Records reach you through the queues you belong to. Ask an administrator to add you to
              your team&apos;s queue.
            </Text>
          )}
        </Alert>
      ) : null}
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <QueueToolbar
          filters={filters}
          onChange={setFilters}
          openToggle={spec.base.kind !== 'breaching'}
          facets={facets}
          users={users}
          textRef={textRef}
          onTextEscape={() => {
            if (filters.text) setFilters({ ...filters, text: '' });
            gridRef.current?.focus();
          }}
        />
        <Text size="sm" c="dimmed" data-testid="queue-count" aria-live="polite">
          {ready ? plural(rows.length, 'ticket') : 'Loading…'}
        </Text>
      </Group>
      <QueueGrid
        label={`Tickets in ${spec.title}`}
        rows={rows}
        now={now}
        users={users}
        sort={sort}
        onSort={onSort}
        selectedId={selectedId}
        onSelect={(id) => patch({ selectedId: id })}
        onOpen={open}
        onClearSelection={() => patch({ selectedId: null })}
        initialScrollTop={scrollPositions.get(spec.key) ?? 0}
        onScrolled={(top) => scrollPositions.set(spec.key, top)}
        gridRef={gridRef}
        placeholder={placeholder}
      />
    </Page>
  );
};
