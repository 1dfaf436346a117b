import { ticketsByIds } from '../../db/ticket-packs';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Link } from '../../../shared/domain/link';
import { ticketLabel, type Problem, type Ticket } from '../../../shared/domain/ticket';
import { useOutpostDb } from '../../app/db-context';
import { hrefFor } from '../../app/router';
import { StateBadge } from '../../ui/ticket-badges';
import { articlePath, articleQuery } from '../records/knowledge-words';
import { CiLink } from './ci-popover';
import { LinkPicker } from './link-picker';
import { NotSynced } from './not-synced';
import { isLinkPending, type PendingForTicket } from './pending';
import { IconLink } from './ticket-icons';
import type { Directory } from './use-ticket-data';

/** How a link reads from this ticket's side. */
export const linkLabel = (l: Link, selfId: string): string => {
  const outgoing = l.fromId === selfId;
  switch (l.kind) {
    case 'caused_by':
      return outgoing ? 'Caused by' : 'Causes';
    case 'fixed_by':
      return outgoing ? 'Fixed by' : 'Fixes';
    case 'documented_in':
      return 'Documented in';
    case 'affects':
      return 'Affects';
    default:
      return 'Related to';
  }
};

const otherEnd = (l: Link, selfId: string): { kind: 'ticket' | 'article' | 'ci'; id: string } =>
  l.fromId === selfId ? l.to : { kind: 'ticket', id: l.fromId };

/** Tickets at the other end of ticket links, as far as this device has them. */
export const useLinkedTickets = (links: Link[], selfId: string): Map<string, Ticket> | null => {
  const db = useOutpostDb();
  const ids = links
    .map((l) => otherEnd(l, selfId))
    .filter((e) => e.kind === 'ticket')
    .map((e) => e.id)
    .sort();
  const key = ids.join(',');
  const found = useLiveQuery(
    async () => (ids.length ? await ticketsByIds(db, ids) : []),
    [db, key],
  );
  if (found === undefined) return null;
  return new Map(found.flatMap((t) => (t ? [[t.id as string, t] as const] : [])));
};

/** Known errors among the problems this incident is linked to: their workaround helps now. */
export const KnownErrorNotice = (props: {
  links: Link[];
  linked: Map<string, Ticket> | null;
  selfId: string;
}) => {
  const problems = props.links
    .filter((l) => l.kind === 'caused_by' && l.fromId === props.selfId)
    .map((l) => props.linked?.get(l.to.id))
    .filter((t): t is Problem => t?.type === 'problem' && t.knownError !== null);
  if (problems.length === 0) return null;
  return (
    <Stack gap="xs">
      {problems.map((p) => (
        <Alert
          key={p.id}
          color="orange"
          variant="light"
          title={`Known error ${ticketLabel(p)}: ${p.title}`}
          data-testid="known-error-workaround"
        >
          <Text size="sm" fw={500}>
            Workaround
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {p.knownError!.workaround}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
};

/** A knowledge article named in a link: opens it on the Knowledge page. */
const ArticleLink = ({ articleId, dir }: { articleId: string; dir: Directory }) => {
  const a = dir.articles.get(articleId);
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <Badge size="xs" variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
        {a?.number ?? 'KB'}
      </Badge>
      <Anchor href={hrefFor(articlePath, articleQuery(articleId))} size="sm" truncate>
        {a?.title ?? 'Knowledge article'}
      </Anchor>
    </Group>
  );
};

export const LinksPanel = (props: {
  ticket: Ticket;
  links: Link[];
  linked: Map<string, Ticket> | null;
  dir: Directory;
  pending: PendingForTicket;
  canLink: boolean;
  pickerOpen: boolean;
  setPickerOpen: (v: boolean) => void;
}) => {
  const { ticket, dir } = props;
  return (
    <Paper withBorder radius="md" p="md" data-testid="links-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="sm" fw={600}>
            Links
          </Title>
          {props.canLink ? (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconLink size={14} />}
              onClick={() => props.setPickerOpen(true)}
            >
              Add link
            </Button>
          ) : null}
        </Group>
        {props.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not linked to problems, changes, articles or configuration items yet.
          </Text>
        ) : (
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {props.links.map((l) => {
              const end = otherEnd(l, ticket.id);
              const t = end.kind === 'ticket' ? props.linked?.get(end.id) : undefined;
              return (
                <Group key={l.id} component="li" gap={6} wrap="nowrap" data-testid="link-row">
                  <Text size="xs" c="dimmed" w={92} style={{ flex: 'none' }}>
                    {linkLabel(l, ticket.id)}
                  </Text>
                  {end.kind === 'ticket' ? (
                    t ? (
                      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                        <Anchor
                          href={hrefFor(`/tickets/${t.id}`)}
                          size="sm"
                          ff="monospace"
                          fw={600}
                        >
                          {ticketLabel(t)}
                        </Anchor>
                        <Text size="sm" truncate>
                          {t.title}
                        </Text>
                        <StateBadge state={t.state} />
                      </Group>
                    ) : props.linked === null ? (
                      <Text size="sm" c="dimmed">
                        …
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        A ticket outside your queues
                      </Text>
                    )
                  ) : end.kind === 'article' ? (
                    <ArticleLink articleId={end.id} dir={dir} />
                  ) : (
                    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                      <Badge size="xs" variant="light" color="gray" tt="none">
                        CI
                      </Badge>
                      <CiLink ciId={end.id} dir={dir} />
                    </Group>
                  )}
                  {isLinkPending(props.pending, l) ? <NotSynced what="This link" /> : null}
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>
      <LinkPicker
        ticket={ticket}
        dir={dir}
        opened={props.pickerOpen}
        onClose={() => props.setPickerOpen(false)}
      />
    </Paper>
  );
};
