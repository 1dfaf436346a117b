import {
  Alert,
  Anchor,
  Box,
  EmptyState,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { canWorkQueue, isOwnTicket } from '../../../shared/domain/access';
import { isTerminal } from '../../../shared/domain/states';
import { editableFieldsOf } from '../../../shared/domain/ticket-fields';
import type { Ticket } from '../../../shared/domain/ticket';
import { hrefFor } from '../../app/router';
import { IconProblem } from '../../ui/icons';
import { AttachmentsPanel } from './attachments-panel';
import { Composer } from './composer';
import type { DraftKind } from './drafts';
import { ConflictsBanner } from './conflicts-banner';
import { FieldsPanel } from './fields-panel';
import { KnownErrorNotice, LinksPanel, useLinkedTickets } from './links-panel';
import { LongTextCard, longTextFields } from './long-text-card';
import { pendingFor } from './pending';
import { SlaPanel } from './sla-panel';
import { TicketHeader } from './ticket-header';
import { useTicketKeys } from './ticket-shortcuts';
import { buildTimeline, formatMinutes, totalMinutes } from './timeline';
import { TimelineView } from './timeline-view';
import {
  useActor,
  useDirectory,
  useOutbox,
  useTicketBundle,
  type TicketBundle,
} from './use-ticket-data';

const listPath: Record<Ticket['type'], { path: string; label: string }> = {
  incident: { path: '/incidents', label: 'Incidents' },
  request: { path: '/requests', label: 'Requests' },
  problem: { path: '/problems', label: 'Problems' },
  change: { path: '/changes', label: 'Changes' },
};

const Loading = () => (
  <Stack gap="md" maw={1280} mx="auto" w="100%" aria-busy="true" aria-label="Loading ticket">
    <Skeleton h={20} w={180} />
    <Skeleton h={32} w="60%" />
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Skeleton h={320} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Skeleton h={320} />
      </Grid.Col>
    </Grid>
  </Stack>
);

const NotHere = () => (
  <Stack maw={1280} mx="auto" w="100%">
    <Paper withBorder radius="md" py={56} px="xl">
      <EmptyState
        icon={<IconProblem size={28} />}
        title="This ticket is not on this device"
        description="It may belong to a queue you are not in, or it has not synced here yet. If someone sent you the link, ask them to check the queue; once you have access it appears after the next sync."
        maw={560}
        mx="auto"
      />
    </Paper>
  </Stack>
);

/** The ticket view (`#/tickets/:id`): everything an agent needs to work one ticket. */
export const TicketPage = ({ ticketId }: { ticketId: string }) => {
  const bundle = useTicketBundle(ticketId);
  if (bundle === undefined) return <Loading />;
  if (bundle === null) return <NotHere />;
  return <TicketWorkspace bundle={bundle} />;
};

const TicketWorkspace = ({ bundle }: { bundle: TicketBundle }) => {
  const { ticket } = bundle;
  const actor = useActor();
  const dir = useDirectory();
  const outbox = useOutbox();
  const pending = useMemo(() => pendingFor(outbox, ticket.id), [outbox, ticket.id]);
  const linked = useLinkedTickets(bundle.links, ticket.id);
  const [editingTitle, setEditingTitle] = useState(false);
  const [editingField, setEditingField] = useState<string | null>(null);
  const [tab, setTab] = useState<DraftKind>('reply');
  const [pickerOpen, setPickerOpen] = useState(false);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);
  const transitionsRef = useRef<HTMLDivElement | null>(null);
  const fileButtonRef = useRef<HTMLButtonElement | null>(null);

  const works = canWorkQueue(actor, ticket.queueId);
  const canEdit = works && !isTerminal(ticket.state);
  const canAttach = works || isOwnTicket(actor, ticket);
  const timeline = useMemo(() => buildTimeline(ticket, bundle, pending), [ticket, bundle, pending]);
  const minutes = totalMinutes(bundle.worklogs);

  const focusComposer = (kind: DraftKind) => {
    setTab(kind);
    // The tab's textarea mounts on the next render.
    window.setTimeout(() => composerRef.current?.focus(), 0);
  };
  useTicketKeys((key) => {
    if (key === 'e' && canEdit) setEditingTitle(true);
    else if (key === 'a' && canEdit) setEditingField('assigneeId');
    else if (key === 'c') focusComposer('reply');
    else if (key === 'n' && works) focusComposer('note');
    else if (key === 'w' && works) setTab('work');
    else if (key === 't') transitionsRef.current?.querySelector('button')?.focus();
    else if (key === 'l' && works) setPickerOpen(true);
    else if (key === 'u' && canAttach) fileButtonRef.current?.click();
  });

  const back = listPath[ticket.type];
  const texts = editableFieldsOf[ticket.type].filter((f) => f in longTextFields);

  return (
    <Stack gap="md" maw={1280} mx="auto" w="100%" data-testid="ticket-view">
      <Anchor href={hrefFor(back.path)} size="sm" c="dimmed">
        ← {back.label}
      </Anchor>
      <TicketHeader
        ticket={ticket}
        actor={actor}
        dir={dir}
        pending={pending}
        canEdit={canEdit}
        editingTitle={editingTitle}
        setEditingTitle={setEditingTitle}
        transitionsRef={transitionsRef}
      />
      <ConflictsBanner
        ticket={ticket}
        conflicts={bundle.conflicts}
        dismissed={bundle.dismissed}
        userId={actor.userId}
        dir={dir}
      />
      {pending.localErrors.length ? (
        <Alert
          color="orange"
          variant="light"
          title="Some of your unsynced changes no longer apply here"
        >
          {pending.localErrors.map((m) => (
            <Text key={m} size="sm">
              {m} The hub will decide when they are sent.
            </Text>
          ))}
        </Alert>
      ) : null}
      {ticket.type === 'incident' ? (
        <KnownErrorNotice links={bundle.links} linked={linked} selfId={ticket.id} />
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {texts.map((f) => (
              <LongTextCard
                key={f}
                ticket={ticket}
                field={f}
                canEdit={canEdit}
                pending={pending.fields.has(f)}
              />
            ))}
            <Box>
              <Group justify="space-between" mb="xs">
                <Title order={2} fz="md" fw={600}>
                  Activity
                </Title>
                <Text size="xs" c="dimmed">
                  {bundle.comments.length} comment{bundle.comments.length === 1 ? '' : 's'}
                  {minutes ? ` · ${formatMinutes(minutes)} logged` : ''}
                </Text>
              </Group>
              <TimelineView items={timeline} ticket={ticket} dir={dir} userId={actor.userId} />
            </Box>
            <Composer
              ticketId={ticket.id}
              canWork={works}
              tab={tab}
              onTab={setTab}
              inputRef={composerRef}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <FieldsPanel
              ticket={ticket}
              actor={actor}
              dir={dir}
              pending={pending}
              canEdit={canEdit}
              editing={editingField}
              setEditing={setEditingField}
            />
            <SlaPanel ticket={ticket} dir={dir} />
            <LinksPanel
              ticket={ticket}
              links={bundle.links}
              linked={linked}
              dir={dir}
              pending={pending}
              canLink={works}
              pickerOpen={pickerOpen}
              setPickerOpen={setPickerOpen}
            />
            <AttachmentsPanel
              ticketId={ticket.id}
              attachments={bundle.attachments}
              dir={dir}
              pending={pending}
              canAttach={canAttach}
              fileButtonRef={fileButtonRef}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
};
