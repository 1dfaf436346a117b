import { z } from 'zod';
import { idSchema, type ArticleId } from '../ids';
import { userIdSchema } from './accounts';
import { categorySchema, fieldStampSchema, tagsSchema, titleSchema } from './ticket';
import { epochMsSchema } from './time';

export const articleIdSchema = idSchema<ArticleId>('articleId');

export const articleKinds = ['howto', 'known_error', 'workaround', 'reference'] as const;
export const articleStates = ['draft', 'published', 'retired'] as const;
export const audiences = ['public', 'internal'] as const;

export const articleBodySchema = z
  .string({ error: 'body must be text' })
  .max(100_000, { error: 'body must be at most 100,000 characters' });
export const articleKindSchema = z.enum(articleKinds, {
  error: `kind must be one of ${articleKinds.join(', ')}`,
});
/** 'public' articles appear in the requester portal; 'internal' ones only to staff. */
export const audienceSchema = z.enum(audiences, { error: 'audience must be public or internal' });

export const knowledgeArticleSchema = z
  .object({
    id: articleIdSchema,
    number: z
      .string({ error: 'number must be text such as KB0001234' })
      .regex(/^KB\d{7,}$/, { error: 'number must look like KB0001234' })
      .nullable(),
    title: titleSchema,
    body: articleBodySchema,
    kind: articleKindSchema,
    state: z.enum(articleStates, { error: `state must be one of ${articleStates.join(', ')}` }),
    audience: audienceSchema,
    category: categorySchema,
    tags: tagsSchema,
    authorId: userIdSchema,
    /** Increases on each publish so readers can tell a revised article. */
    version: z
      .number({ error: 'version must be a number' })
      .int({ error: 'version must be a whole number' })
      .min(1, { error: 'version must be 1 or more' }),
    createdAt: epochMsSchema('createdAt'),
    updatedAt: epochMsSchema('updatedAt'),
    publishedAt: epochMsSchema('publishedAt').nullable(),
    stamps: z.record(z.string(), fieldStampSchema, {
      error: 'stamps must map field names to stamps',
    }),
  })
  .refine((a) => a.updatedAt >= a.createdAt, {
    path: ['updatedAt'],
    error: 'updatedAt must not be before createdAt',
  });
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

/** The hub's number for the n-th knowledge article: KB0001234 (given when the hub first stores it). */
export const formatArticleNumber = (n: number): string => `KB${String(n).padStart(7, '0')}`;
