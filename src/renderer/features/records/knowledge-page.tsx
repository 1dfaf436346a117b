import {
  Anchor,
  Badge,
  EmptyState,
  Group,
  Paper,
  SegmentedControl,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { KnowledgeArticle } from '../../../shared/domain/knowledge';
import { useOutpostDb } from '../../app/db-context';
import { hrefFor, useLocation } from '../../app/router';
import { IconKnowledge } from '../../ui/icons';
import { TableSkeleton } from '../../ui/load-states';
import { Page } from '../../ui/page';
import { formatRelative } from '../../ui/time-format';
import { useNow } from '../../ui/use-now';
import { KnowledgeArticleView } from './knowledge-article';
import {
  articleKindLabels,
  articlePath,
  articleQuery,
  articleStateColors,
  articleStateLabels,
  audienceLabels,
} from './knowledge-words';

type StateFilter = 'all' | KnowledgeArticle['state'];

const matches = (a: KnowledgeArticle, words: string[]) => {
  const text = [a.number ?? '', a.title, a.category, ...a.tags].join(' ').toLowerCase();
  return words.every((w) => text.includes(w));
};

/**
 * `#/knowledge`: the knowledge articles on this device, newest change first,
 * and `#/knowledge?article=<id>` reads one. Read-only: articles are written
 * on the hub and arrive with sync, so the list works the same offline.
 */
export const KnowledgePage = () => {
  const id = useLocation().query.get('article');
  return id ? <KnowledgeArticleView articleId={id} /> : <KnowledgeList />;
};

const KnowledgeList = () => {
  const db = useOutpostDb();
  const now = useNow(60_000);
  const articles = useLiveQuery(
    async () => (await db.articles.toArray()).sort((x, y) => y.updatedAt - x.updatedAt),
    [db],
  );
  const [filter, setFilter] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return (articles ?? []).filter(
      (a) => (state === 'all' || a.state === state) && matches(a, words),
    );
  }, [articles, filter, state]);
  // Numbers come with publishing; until one has it, a column of blanks only takes room.
  const numbered = (articles ?? []).some((a) => a.number !== null);

  return (
    <Page
      title="Knowledge"
      description="How-tos, known errors and workarounds on this device, to read and link from tickets."
    >
      {articles && articles.length > 0 ? (
        <Group justify="space-between">
          <TextInput
            placeholder="Filter by number, title, category or tag"
            aria-label="Filter articles"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            w={340}
          />
          <SegmentedControl
            size="xs"
            aria-label="Article state"
            value={state}
            onChange={(v) => setState(v as StateFilter)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'published', label: 'Published' },
              { value: 'draft', label: 'Drafts' },
              { value: 'retired', label: 'Retired' },
            ]}
          />
        </Group>
      ) : null}
      <Paper withBorder radius="md">
        {articles === undefined ? <TableSkeleton /> : null}
        {articles?.length === 0 ? (
          <EmptyState
            py={56}
            icon={<IconKnowledge size={28} />}
            title="No knowledge articles yet"
            description="None are on this device. Articles your team writes on the hub arrive here with the next sync and stay readable offline. Writing articles in this app is not built yet."
            maw={560}
            mx="auto"
          />
        ) : null}
        {articles && articles.length > 0 && shown.length === 0 ? (
          <EmptyState
            py={48}
            icon={<IconKnowledge size={28} />}
            title="No articles match"
            description="Clear the filter or pick All to see every article on this device."
          />
        ) : null}
        {shown.length > 0 ? (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table className="outpost-table" aria-label="Knowledge articles" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {numbered ? <Table.Th w={120}>Number</Table.Th> : null}
                  <Table.Th>Title</Table.Th>
                  <Table.Th w={130}>Kind</Table.Th>
                  <Table.Th w={130}>State</Table.Th>
                  <Table.Th w={180}>Readers</Table.Th>
                  <Table.Th w={140}>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((a) => (
                  <Table.Tr key={a.id} data-testid="article-row">
                    {numbered ? (
                      <Table.Td>
                        {a.number ? (
                          <Text size="sm" ff="monospace">
                            {a.number}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            <span aria-hidden="true">—</span>
                            <VisuallyHidden>Not numbered</VisuallyHidden>
                          </Text>
                        )}
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <Anchor href={hrefFor(articlePath, articleQuery(a.id))} size="sm" fw={500}>
                        {a.title}
                      </Anchor>
                      {a.category || a.tags.length ? (
                        <Text size="xs" c="dimmed" data-testid="article-topics">
                          {[a.category, a.tags.join(', ')].filter(Boolean).join(' · ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{articleKindLabels[a.kind]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={articleStateColors[a.state]}
                        variant="light"
                        radius="sm"
                        tt="none"
                      >
                        {articleStateLabels[a.state]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {audienceLabels[a.audience]}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c="dimmed"
                        style={{ whiteSpace: 'nowrap' }}
                        title={new Date(a.updatedAt).toLocaleString()}
                      >
                        {formatRelative(a.updatedAt, now)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Paper>
    </Page>
  );
};
