import {
  Anchor,
  Box,
  EmptyState,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useRef } from 'react';
import type { CatalogItem } from '../../../shared/domain/catalog';
import { isTerminal } from '../../../shared/domain/states';
import { ticketLabel } from '../../../shared/domain/ticket';
import { availableTransitions } from '../../../shared/domain/workflow/transitions';
import { hrefFor } from '../../app/router';
import { useKeyBindings } from '../../app/shortcut-registry';
import { IconProblem } from '../../ui/icons';
import { Markdown } from '../../ui/markdown';
import { AttachmentsPanel } from '../ticket/attachments-panel';
import { ConflictsBanner } from '../ticket/conflicts-banner';
import { pendingFor } from '../ticket/pending';
import {
  useActor,
  useDirectory,
  useOutbox,
  useTicketBundle,
  type TicketBundle,
} from '../ticket/use-ticket-data';
import { PlainStateBadge, UnsentBadge } from './portal-bits';
import { Conversation } from './portal-conversation';
import { PORTAL_HOME, PORTAL_NEW_PROBLEM } from './portal-paths';
import { PortalReply } from './portal-reply';
import { isPortalTicket, kindWords, plainState, type PortalTicket } from './portal-words';
import { ResolutionCard } from './resolution-card';
import { WithdrawButton } from './withdraw-button';
import './portal.css';

const Loading = () => (
  <Stack gap="md" maw={1040} mx="auto" w="100%" aria-busy="true" aria-label="Loading">
    <Skeleton h={18} w={140} />
    <Skeleton h={32} w="55%" />
    <Skeleton h={240} />
  </Stack>
);

const NotHere = () => (
  <Stack gap="md" maw={1040} mx="auto" w="100%">
    <Anchor href={hrefFor(PORTAL_HOME)} size="sm" c="dimmed">
      ← My requests
    </Anchor>
    <Paper withBorder radius="md" py={56} px="xl">
      <EmptyState
        icon={<IconProblem size={28} />}
        title="We cannot find this on your device"
        description="It may not have reached this device yet (it appears after the next sync), or it belongs to someone else. Your own requests are all listed in My requests."
        maw={560}
        mx="auto"
      />
    </Paper>
  </Stack>
);

/** `#/portal/tickets/:id`: one of the person's own tickets, in their words. */
export const PortalTicketPage = ({ ticketId }: { ticketId: string }) => {
  const bundle = useTicketBundle(ticketId);
  if (bundle === undefined) return <Loading />;
  if (bundle === null || !isPortalTicket(bundle.ticket)) return <NotHere />;
  return <PortalTicketView bundle={bundle} ticket={bundle.ticket} />;
};

/** A request's answers to its catalogue item's questions, with the item's labels. */
const RequestAnswers = (props: { item: CatalogItem; values: Record<string, unknown> }) => {
  const shown = (v: unknown) =>
    v === true
      ? 'Yes'
      : v === false
        ? 'No'
        : v === null || v === undefined || v === ''
          ? '—'
          : String(v);
  return (
    <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        {props.item.fields.map((f) => (
          <Table.Tr key={f.key}>
            <Table.Th w="40%" fw={500} c="dimmed">
              {f.label}
            </Table.Th>
            <Table.Td>{shown(props.values[f.key])}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
};

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Stack gap={0}>
    <Text size="xs" c="dimmed" fw={500}>
      {label}
    </Text>
    <Text size="sm" component="div">
      {children}
    </Text>
  </Stack>
);

const formatDay = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const PortalTicketView = ({ bundle, ticket }: { bundle: TicketBundle; ticket: PortalTicket }) => {
  const actor = useActor();
  const dir = useDirectory();
  const outbox = useOutbox();
  const pending = useMemo(() => pendingFor(outbox, ticket.id), [outbox, ticket.id]);
  const replyRef = useRef<HTMLTextAreaElement | null>(null);
  const userName = (id: string) => dir.userName(id);
  const state = plainState(ticket);
  const words = kindWords(ticket);

  // Only what the workflow lets this person do now (requesters: confirm, reject, withdraw).
  const edges = availableTransitions(ticket, actor);
  const confirm = edges.find((e) => e.to === 'closed' && !e.reopen);
  const reject = edges.find((e) => e.reopen);
  const withdraw = edges.find((e) => e.to === 'cancelled');
  const finished = isTerminal(ticket.state);
  const item =
    ticket.type === 'request'
      ? dir.settings.catalogItems.find((i) => i.id === ticket.catalogItemId)
      : undefined;

  useKeyBindings([{ keys: 'c', run: () => replyRef.current?.focus() }]);

  return (
    <Stack gap="md" maw={1040} mx="auto" w="100%" data-testid="portal-ticket">
      <Anchor href={hrefFor(PORTAL_HOME)} size="sm" c="dimmed">
        ← My requests
      </Anchor>
      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm" c="dimmed" fw={500}>
            {words.Noun}
          </Text>
          <Text size="sm" ff="monospace" fw={600} data-testid="portal-ticket-number">
            {ticketLabel(ticket)}
          </Text>
          {pending.created ? <UnsentBadge what={`This ${words.noun}`} /> : null}
        </Group>
        <Title order={1} fz={26} lh={1.25} data-testid="portal-ticket-title">
          {ticket.title}
        </Title>
        <Group gap="sm" align="center">
          <PlainStateBadge ticket={ticket} size="lg" />
          {pending.fields.has('state') ? <UnsentBadge what="Your answer" /> : null}
          <Text size="sm" c="dimmed" data-testid="portal-state-explain">
            {state.explain}
          </Text>
        </Group>
      </Stack>
      <ConflictsBanner
        ticket={ticket}
        conflicts={bundle.conflicts}
        dismissed={bundle.dismissed}
        userId={actor.userId}
        dir={dir}
      />
      {confirm || reject ? (
        <ResolutionCard
          ticket={ticket}
          confirm={confirm}
          reject={reject}
          viewerId={actor.userId}
          userName={userName}
        />
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {ticket.description.trim() || item ? (
              <Paper withBorder radius="md" p="md">
                <Stack gap="xs">
                  <Title order={2} fz="sm" c="gray.7" tt="uppercase" lts={0.5}>
                    {ticket.type === 'request' ? 'What you asked for' : 'What you told us'}
                  </Title>
                  {item && ticket.type === 'request' && item.fields.length > 0 ? (
                    <RequestAnswers item={item} values={ticket.requestFields} />
                  ) : null}
                  {ticket.description.trim() ? <Markdown text={ticket.description} /> : null}
                </Stack>
              </Paper>
            ) : null}
            <Box>
              <Title order={2} fz="md" mb="xs">
                Conversation
              </Title>
              <Conversation
                ticket={ticket}
                comments={bundle.comments}
                pending={pending}
                viewerId={actor.userId}
                userName={userName}
              />
            </Box>
            {finished ? (
              <Paper withBorder radius="md" p="md" bg="gray.0" data-testid="portal-finished">
                <Text size="sm">
                  This {words.noun} is finished, so it takes no more messages. If the problem comes
                  back, <Anchor href={hrefFor(PORTAL_NEW_PROBLEM)}>report it again</Anchor> and
                  mention {ticketLabel(ticket)}.
                </Text>
              </Paper>
            ) : (
              <PortalReply
                ticketId={ticket.id}
                waitingForYou={
                  ticket.state === 'on_hold' && ticket.holdReason === 'awaiting_caller'
                }
                inputRef={replyRef}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md" component="section" aria-label="Details">
              <Stack gap="sm">
                <Fact label="Reference">{ticketLabel(ticket)}</Fact>
                <Fact label="Sent">{formatDay(ticket.createdAt)}</Fact>
                <Fact label="Last update">{formatDay(ticket.updatedAt)}</Fact>
                <Fact label="Handled by">
                  {ticket.assigneeId ? dir.userName(ticket.assigneeId) : 'Not picked up yet'}
                </Fact>
                {withdraw ? (
                  <Box mx={-8}>
                    <WithdrawButton ticket={ticket} edge={withdraw} />
                  </Box>
                ) : null}
              </Stack>
            </Paper>
            <AttachmentsPanel
              ticketId={ticket.id}
              attachments={bundle.attachments}
              dir={dir}
              pending={pending}
              canAttach={!finished}
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
};
