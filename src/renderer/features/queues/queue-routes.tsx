import { Button, EmptyState, Paper } from '@mantine/core';
import type { ComponentType } from 'react';
import type { TicketType } from '../../../shared/domain/states';
import { hrefFor } from '../../app/router';
import { Page } from '../../ui/page';
import type { IconProps } from '../../ui/icons';
import { IconClock, IconInbox, IconStack, IconUnassigned, IconBookmark } from './queue-icons';
import { QueuePage } from './queue-page';
import { BREACHING_SOON_MS } from '../../db/derived-sla-fields';
import { useQueues, useSavedViews, useViewCounts } from './use-queue-data';

/** The pages behind the queue routes (routes.tsx maps paths to these). */

const hours = BREACHING_SOON_MS / 3_600_000;

export const MyWorkPage = () => {
  const counts = useViewCounts();
  const waiting = counts?.unassigned ?? 0;
  return (
    <QueuePage
      spec={{
        key: 'mine',
        base: { kind: 'mine' },
        title: 'My work',
        description: 'Open tickets assigned to you, the most urgent SLA first.',
        icon: IconInbox,
        empty: {
          title: 'Nothing assigned to you',
          text:
            waiting > 0
              ? `Tickets you own show up here. ${waiting.toLocaleString()} unassigned ${waiting === 1 ? 'ticket is' : 'tickets are'} waiting in your queues: pick one from Unassigned.`
              : 'Tickets you own show up here, most urgent first. Pick up work from Unassigned when new tickets arrive in your queues.',
          action: (
            <Button component="a" href={hrefFor('/unassigned')} size="xs" variant="light">
              Go to Unassigned
            </Button>
          ),
        },
      }}
    />
  );
};

export const UnassignedPage = () => (
  <QueuePage
    spec={{
      key: 'unassigned',
      base: { kind: 'unassigned' },
      title: 'Unassigned',
      description: 'Open tickets in your queues that nobody has picked up yet.',
      icon: IconUnassigned,
      empty: {
        title: 'Every open ticket in your queues has an owner',
        text: 'New tickets that nobody has picked up land here, the most urgent SLA first.',
      },
    }}
  />
);

export const BreachingPage = () => (
  <QueuePage
    spec={{
      key: 'breaching',
      base: { kind: 'breaching' },
      title: 'Breaching soon',
      description: `Open tickets whose resolution SLA is overdue or due within ${hours} business hours, the most urgent first.`,
      icon: IconClock,
      empty: {
        title: 'Nothing is close to breaching',
        text: `Open tickets in your queues appear here once their resolution SLA has ${hours} business hours or less left, or is overdue. Paused clocks (waiting on the caller or a vendor) do not count down.`,
      },
    }}
  />
);

export const QueueViewPage = ({ queueId }: { queueId: string }) => {
  const queues = useQueues();
  const queue = queues.get(queueId);
  const name = queue?.name ?? 'Queue';
  return (
    <QueuePage
      key={queueId}
      spec={{
        key: `queue:${queueId}`,
        base: { kind: 'queue', queueId },
        title: name,
        description: queue?.description || 'Open tickets in this queue, the most urgent SLA first.',
        icon: IconStack,
        empty: {
          title: `No open tickets in ${name}`,
          text: 'Tickets routed to this queue appear here as soon as they reach this device, also while you are offline.',
        },
      }}
    />
  );
};

export interface RecordTypeSpec {
  type: TicketType;
  title: string;
  description: string;
  emptyTitle: string;
  emptyText: string;
  icon: ComponentType<IconProps>;
}

export const RecordTypePage = ({ spec }: { spec: RecordTypeSpec }) => (
  <QueuePage
    key={spec.type}
    spec={{
      key: `type:${spec.type}`,
      base: { kind: 'type', type: spec.type },
      title: spec.title,
      description: spec.description,
      icon: spec.icon,
      empty: { title: spec.emptyTitle, text: spec.emptyText },
      showMyQueues: true,
    }}
  />
);

export const SavedViewPage = ({ viewId }: { viewId: string }) => {
  const views = useSavedViews();
  if (views === undefined) return null;
  const view = views.find((v) => v.id === viewId);
  if (!view) {
    return (
      <Page title="Saved view not found">
        <Paper withBorder radius="md" py={56} px="xl">
          <EmptyState
            icon={<IconBookmark size={28} />}
            title="This saved view does not exist on this device"
            description="It may have been deleted, or saved by you on another device: saved views stay where they were made."
            maw={520}
            mx="auto"
          />
        </Paper>
      </Page>
    );
  }
  return (
    <QueuePage
      key={view.id}
      spec={{
        key: `saved:${view.id}`,
        base: view.base,
        title: view.name,
        description: 'Your saved view: its filters and sort as you saved them.',
        icon: IconBookmark,
        empty: {
          title: 'Nothing in this view right now',
          text: 'Tickets that match its filters will appear here as they arrive.',
        },
        saved: view,
      }}
    />
  );
};
