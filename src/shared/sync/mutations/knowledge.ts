import { z } from 'zod';
import { isLead, isStaff } from '../../domain/access';
import type { Actor } from '../../domain/actor';
import type { DomainError } from '../../domain/errors';
import {
  articleBodySchema,
  articleIdSchema,
  articleKindSchema,
  audienceSchema,
  type KnowledgeArticle,
} from '../../domain/knowledge';
import { categorySchema, tagsSchema, titleSchema } from '../../domain/ticket';
import { hlcSchema } from '../hlc';
import { fail, forbidden, initialStamps, mergeFields, notFound, ok } from './helpers';
import { defineMutation, type Effect, type Loaded } from './types';

const articleFields = {
  title: titleSchema,
  body: articleBodySchema,
  kind: articleKindSchema,
  audience: audienceSchema,
  category: categorySchema,
  tags: tagsSchema,
};
const editable = Object.keys(articleFields);

const staffOnly = (actor: Actor): DomainError | null =>
  isStaff(actor) ? null : forbidden('Only service desk staff can write knowledge articles');

const kbCreateArgs = z.strictObject({
  id: articleIdSchema,
  ...articleFields,
  audience: audienceSchema.default('internal'),
  category: categorySchema.default(''),
  tags: tagsSchema.default([]),
});
export type KbCreateArgs = z.infer<typeof kbCreateArgs>;

/** kb.create@1: a draft; it reaches readers only when published. */
export const kbCreate = defineMutation<KbCreateArgs>({
  name: 'kb.create',
  version: 1,
  args: kbCreateArgs,
  reads: (args) => [{ kind: 'article', id: args.id }],
  authorize: staffOnly,
  apply(loaded, args, ctx) {
    if (loaded.articles.has(args.id))
      return fail('ALREADY_EXISTS', `article ${args.id} already exists`, 'id');
    const value: KnowledgeArticle = {
      ...args,
      number: null,
      state: 'draft',
      authorId: ctx.actor.userId,
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      publishedAt: null,
      stamps: initialStamps(editable, ctx),
    };
    return ok({ type: 'put', entity: 'article', value });
  },
});

const kbUpdateArgs = z.strictObject({
  articleId: articleIdSchema,
  fields: z.strictObject(articleFields).partial(),
  base: z.record(z.string(), hlcSchema.nullable(), {
    error: 'base must map field names to stamps',
  }),
});
export type KbUpdateArgs = z.infer<typeof kbUpdateArgs>;

const getArticle = (loaded: Loaded, id: KnowledgeArticle['id']) => loaded.articles.get(id);

/** kb.update@1: field-level LWW like tickets; concurrent losing edits become conflicts. */
export const kbUpdate = defineMutation<KbUpdateArgs>({
  name: 'kb.update',
  version: 1,
  args: kbUpdateArgs,
  reads: (args) => [{ kind: 'article', id: args.articleId }],
  authorize(actor, loaded, args) {
    if (!getArticle(loaded, args.articleId))
      return notFound('article', args.articleId, 'articleId');
    return staffOnly(actor);
  },
  apply(loaded, args, ctx) {
    const article = getArticle(loaded, args.articleId);
    if (!article) return { ok: false, error: notFound('article', args.articleId, 'articleId') };
    if (Object.keys(args.fields).length === 0)
      return fail('VALIDATION', 'fields must change at least one field', 'fields');
    const missing = Object.keys(args.fields).find((k) => !(k in args.base));
    if (missing)
      return fail(
        'VALIDATION',
        `base must give the stamp last seen for ${missing}`,
        `base.${missing}`,
      );
    const merged = mergeFields({
      current: article as unknown as Record<string, unknown>,
      stamps: article.stamps,
      fields: args.fields,
      base: args.base,
      ctx,
      mutation: 'kb.update@1',
      ticketId: null,
      subject: `article "${article.title}"`,
      label: (f) => f,
    });
    const conflicts: Effect[] = merged.conflicts.map((value) => ({ type: 'conflict', value }));
    if (!merged.dirty) return ok(...conflicts);
    const value: KnowledgeArticle = {
      ...article,
      ...merged.values,
      stamps: merged.stamps,
      updatedAt: Math.max(ctx.now, article.updatedAt),
    };
    return ok({ type: 'put', entity: 'article', value }, ...conflicts);
  },
});

const kbPublishArgs = z.strictObject({
  articleId: articleIdSchema,
  to: z
    .enum(['published', 'retired'], { error: 'to must be published or retired' })
    .default('published'),
});
export type KbPublishArgs = z.infer<typeof kbPublishArgs>;

/**
 * kb.publish@1: leads publish (or retire) articles. Re-publishing a previously
 * published article makes a new version, so readers can tell it was revised.
 */
export const kbPublish = defineMutation<KbPublishArgs>({
  name: 'kb.publish',
  version: 1,
  args: kbPublishArgs,
  reads: (args) => [{ kind: 'article', id: args.articleId }],
  authorize(actor, loaded, args) {
    if (!getArticle(loaded, args.articleId))
      return notFound('article', args.articleId, 'articleId');
    return isLead(actor) ? null : forbidden('Only a lead can publish or retire knowledge articles');
  },
  apply(loaded, args, ctx) {
    const article = getArticle(loaded, args.articleId);
    if (!article) return { ok: false, error: notFound('article', args.articleId, 'articleId') };
    if (article.state === args.to) {
      return fail('INVALID_TRANSITION', `the article is already ${args.to}`, 'to');
    }
    if (args.to === 'published' && article.body.trim() === '') {
      return fail('GUARD_FAILED', 'an article needs a body before it is published', 'body');
    }
    const value: KnowledgeArticle =
      args.to === 'published'
        ? {
            ...article,
            state: 'published',
            version: article.publishedAt === null ? article.version : article.version + 1,
            publishedAt: ctx.now,
            updatedAt: Math.max(ctx.now, article.updatedAt),
          }
        : { ...article, state: 'retired', updatedAt: Math.max(ctx.now, article.updatedAt) };
    return ok({ type: 'put', entity: 'article', value });
  },
});
