import {
  Box,
  Button,
  EmptyState,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { ticketLabel } from '../../../shared/domain/ticket';
import { hrefFor } from '../../app/router';
import { useCurrentUser } from '../../session/session-store';
import { IconIncident, IconRequest, type IconProps } from '../../ui/icons';
import { IconInbox } from '../queues/queue-icons';
import { TableSkeleton } from '../../ui/load-states';
import { formatRelative } from '../../ui/time-format';
import { useNow } from '../../ui/use-now';
import { PlainStateBadge, UnsentBadge } from './portal-bits';
import { PORTAL_NEW_PROBLEM, PORTAL_NEW_REQUEST, portalTicketPath } from './portal-paths';
import { isFinished, kindWords, needsYou, type PortalTicket } from './portal-words';
import { useMyTickets } from './use-portal-data';
import './portal.css';

const ActionCard = (props: {
  href: string;
  icon: ComponentType<IconProps>;
  title: string;
  text: string;
  shortcut: string;
  testId: string;
}) => {
  const Icon = props.icon;
  return (
    <a href={props.href} className="outpost-portal-action" data-testid={props.testId}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <Box className="outpost-portal-action-icon" aria-hidden="true">
          <Icon size={24} />
        </Box>
        <Stack gap={2}>
          <Text fw={650} size="lg" c="dark.8">
            {props.title}
          </Text>
          <Text size="sm" c="dimmed">
            {props.text}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" ml="auto" aria-hidden="true" visibleFrom="sm">
          <kbd className="outpost-portal-kbd">{props.shortcut}</kbd>
        </Text>
      </Group>
    </a>
  );
};

const Row = ({ t, unsent, now }: { t: PortalTicket; unsent: boolean; now: number }) => (
  <li>
    <a
      href={hrefFor(portalTicketPath(t.id))}
      className="outpost-portal-row"
      data-testid="portal-row"
      data-ticket-id={t.id}
    >
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Text fw={600} size="md" c="dark.8" truncate="end" data-testid="portal-row-title">
          {t.title}
        </Text>
        <Group gap={8} wrap="wrap">
          <Text size="xs" c="dimmed" ff="monospace" data-testid="portal-row-number">
            {ticketLabel(t)}
          </Text>
          <Text size="xs" c="dimmed">
            · {kindWords(t).Noun} · updated {formatRelative(t.updatedAt, now)}
          </Text>
          {unsent ? <UnsentBadge what="A change to it" /> : null}
        </Group>
      </Stack>
      <PlainStateBadge ticket={t} />
    </a>
  </li>
);

const Section = (props: {
  title: string;
  hint?: string;
  tickets: PortalTicket[];
  unsent: Set<string>;
  now: number;
  testId: string;
  attention?: boolean;
}) => (
  <Stack gap="xs" component="section" aria-labelledby={`${props.testId}-title`}>
    <Group gap="xs" align="baseline">
      <Title order={2} fz="md" id={`${props.testId}-title`}>
        {props.title}
      </Title>
      <Text size="sm" c="dimmed">
        {props.tickets.length}
      </Text>
    </Group>
    {props.hint ? (
      <Text size="sm" c="dimmed" mt={-4}>
        {props.hint}
      </Text>
    ) : null}
    <Paper
      withBorder
      radius="md"
      className={props.attention ? 'outpost-portal-attention' : undefined}
      data-testid={props.testId}
    >
      <ul className="outpost-portal-list">
        {props.tickets.map((t) => (
          <Row key={t.id} t={t} unsent={props.unsent.has(t.id)} now={props.now} />
        ))}
      </ul>
    </Paper>
  </Stack>
);

const CLOSED_SHOWN = 10;

/** `#/portal`: what the person has raised and what is happening to it, plus the two ways in. */
export const PortalHome = () => {
  const user = useCurrentUser();
  const mine = useMyTickets(user.id);
  const now = useNow(30_000);
  const [allClosed, setAllClosed] = useState(false);
  const firstName = user.displayName.split(/\s+/)[0] ?? user.displayName;

  const attention = mine?.tickets.filter((t) => needsYou(t)) ?? [];
  const open = mine?.tickets.filter((t) => !needsYou(t) && !isFinished(t)) ?? [];
  const closed = mine?.tickets.filter((t) => isFinished(t)) ?? [];

  return (
    <Stack gap="xl" maw={960} mx="auto" w="100%" data-testid="portal-home">
      <Stack gap={4}>
        <Title order={1} fz={26}>
          Hello, {firstName}
        </Title>
        <Text c="dimmed">What do you need help with today?</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <ActionCard
          href={hrefFor(PORTAL_NEW_PROBLEM)}
          icon={IconIncident}
          title="Report a problem"
          text="Something is broken, slow or not working as it should."
          shortcut="n"
          testId="portal-report-problem"
        />
        <ActionCard
          href={hrefFor(PORTAL_NEW_REQUEST)}
          icon={IconRequest}
          title="Request something"
          text="Access, equipment or software from the service catalogue."
          shortcut="r"
          testId="portal-request-something"
        />
      </SimpleGrid>

      <Stack gap="lg">
        <Title order={2} fz={20}>
          My requests
        </Title>
        {mine === undefined ? (
          <Paper withBorder radius="md">
            <TableSkeleton rows={4} />
          </Paper>
        ) : mine.tickets.length === 0 ? (
          <Paper withBorder radius="md" py={48} px="xl" data-testid="portal-empty">
            <EmptyState
              icon={<IconInbox size={28} />}
              title="Nothing here yet"
              description="When you report a problem or ask for something, it appears here. You can follow what the service desk is doing, answer their questions and confirm when it is sorted."
              maw={520}
              mx="auto"
            />
          </Paper>
        ) : (
          <>
            {attention.length > 0 ? (
              <Section
                title="Waiting for you"
                hint="The service desk needs an answer from you on these."
                tickets={attention}
                unsent={mine.unsent}
                now={now}
                testId="portal-attention"
                attention
              />
            ) : null}
            {open.length > 0 ? (
              <Section
                title="Open"
                tickets={open}
                unsent={mine.unsent}
                now={now}
                testId="portal-open"
              />
            ) : attention.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="portal-nothing-open">
                Nothing open right now.
              </Text>
            ) : null}
            {closed.length > 0 ? (
              <Stack gap="xs">
                <Section
                  title="Closed"
                  tickets={allClosed ? closed : closed.slice(0, CLOSED_SHOWN)}
                  unsent={mine.unsent}
                  now={now}
                  testId="portal-closed"
                />
                {closed.length > CLOSED_SHOWN && !allClosed ? (
                  <Group>
                    <Button variant="subtle" size="xs" onClick={() => setAllClosed(true)}>
                      Show all {closed.length} closed
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            ) : null}
          </>
        )}
      </Stack>
    </Stack>
  );
};
