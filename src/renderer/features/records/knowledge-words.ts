import type { MantineColor } from '@mantine/core';
import type { KnowledgeArticle } from '../../../shared/domain/knowledge';

/** How the knowledge screens and ticket links name an article's kind, state and readers. */
export const articleKindLabels: Record<KnowledgeArticle['kind'], string> = {
  howto: 'How-to',
  known_error: 'Known error',
  workaround: 'Workaround',
  reference: 'Reference',
};

export const articleStateLabels: Record<KnowledgeArticle['state'], string> = {
  draft: 'Draft',
  published: 'Published',
  retired: 'Retired',
};

export const articleStateColors: Record<KnowledgeArticle['state'], MantineColor> = {
  draft: 'gray',
  published: 'teal',
  retired: 'dark',
};

export const audienceLabels: Record<KnowledgeArticle['audience'], string> = {
  public: 'Requesters and staff',
  internal: 'Staff only',
};

/** The knowledge page's address for one article (a query, so the page's route stays one). */
export const articlePath = '/knowledge';
export const articleQuery = (id: string): Record<string, string> => ({ article: id });
