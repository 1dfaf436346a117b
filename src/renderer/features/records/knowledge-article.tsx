import {
  Alert,
  Anchor,
  Badge,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useOutpostDb } from '../../app/db-context';
import { hrefFor } from '../../app/router';
import { IconKnowledge } from '../../ui/icons';
import { Markdown } from '../../ui/markdown';
import {
  articleKindLabels,
  articlePath,
  articleStateColors,
  articleStateLabels,
  audienceLabels,
} from './knowledge-words';

const Back = () => (
  <Anchor href={hrefFor(articlePath)} size="sm" c="dimmed">
    ← Knowledge
  </Anchor>
);

const dateOf = (at: number) =>
  new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * One article, read from the local store. The body is Markdown written by
 * people, so it goes through the same sanitising renderer as ticket text.
 */
export const KnowledgeArticleView = ({ articleId }: { articleId: string }) => {
  const db = useOutpostDb();
  const data = useLiveQuery(async () => {
    const article = await db.articles.get(articleId);
    if (!article) return null;
    const author = await db.users.get(article.authorId);
    return { article, author: author?.displayName ?? 'Unknown author' };
  }, [db, articleId]);

  if (data === undefined) {
    return (
      <Stack gap="md" maw={880} mx="auto" w="100%" aria-busy="true" aria-label="Loading article">
        <Skeleton h={16} w={120} />
        <Skeleton h={32} w="70%" />
        <Skeleton h={240} />
      </Stack>
    );
  }
  if (data === null) {
    return (
      <Stack gap="md" maw={880} mx="auto" w="100%">
        <Back />
        <Paper withBorder radius="md" py={56} px="xl">
          <EmptyState
            icon={<IconKnowledge size={28} />}
            title="This article is not on this device"
            description="It may not have synced here yet, or it was removed on the hub. Once it reaches this device it opens here, also offline."
            maw={520}
            mx="auto"
          />
        </Paper>
      </Stack>
    );
  }

  const { article: a, author } = data;
  return (
    <Stack gap="md" maw={880} mx="auto" w="100%" data-testid="article-view">
      <Back />
      <Stack gap={6}>
        <Group gap="xs">
          {a.number ? (
            <Text size="sm" ff="monospace" fw={600}>
              {a.number}
            </Text>
          ) : null}
          <Badge color={articleStateColors[a.state]} variant="light" radius="sm" tt="none">
            {articleStateLabels[a.state]}
          </Badge>
          <Badge color="gray" variant="light" radius="sm" tt="none">
            {articleKindLabels[a.kind]}
          </Badge>
          <Text size="sm" c="dimmed">
            {audienceLabels[a.audience]}
          </Text>
        </Group>
        <Title order={1} fz={24} lh={1.25}>
          {a.title}
        </Title>
        <Text size="sm" c="dimmed">
          By {author} · version {a.version}
          {/* One date when the last change was the publishing itself. */}
          {a.publishedAt && dateOf(a.publishedAt) === dateOf(a.updatedAt)
            ? ` · published ${dateOf(a.publishedAt)}`
            : ` · updated ${dateOf(a.updatedAt)}${a.publishedAt ? ` · published ${dateOf(a.publishedAt)}` : ''}`}
        </Text>
        {a.category || a.tags.length ? (
          <Group gap={6}>
            {a.category ? (
              <Badge color="blue" variant="light" radius="sm" tt="none">
                {a.category}
              </Badge>
            ) : null}
            {a.tags.map((t) => (
              <Badge key={t} color="gray" variant="outline" radius="sm" tt="none">
                {t}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
      {a.state === 'retired' ? (
        <Alert color="orange" variant="light" title="Retired article">
          This article is no longer maintained and may be out of date.
        </Alert>
      ) : null}
      {a.state === 'draft' ? (
        <Alert color="gray" variant="light" title="Draft">
          Not published yet: only the service desk can see it, and it may still change.
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="lg" data-testid="article-body">
        {a.body.trim() ? (
          <Markdown text={a.body} />
        ) : (
          <Text size="sm" c="dimmed">
            This article has no text yet.
          </Text>
        )}
      </Paper>
    </Stack>
  );
};
