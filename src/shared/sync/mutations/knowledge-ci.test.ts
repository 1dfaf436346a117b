import { describe, expect, it } from 'vitest';
import { configurationItemSchema } from '../../domain/configuration-item';
import { knowledgeArticleSchema, type KnowledgeArticle } from '../../domain/knowledge';
import { actors, ids, stamp, T0, uuid } from '../../domain/test-fixtures';
import { ciUpdate } from './ci';
import { kbPublish, kbUpdate } from './knowledge';
import { applyPuts, conflictsOf, ctxFor, errorOf, loadedWith, putOf, run } from './testing';

const now = T0 + 60_000;
const articleId = uuid(600);
const ciId = uuid(700);

describe('knowledge articles', () => {
  const create = (actor = actors.agentA, o: object = {}) =>
    run(
      'kb.create',
      {
        id: articleId,
        title: 'Reset the VPN profile',
        body: '1. Open settings',
        kind: 'howto',
        ...o,
      },
      loadedWith(),
      ctxFor(actor),
    );
  const draft = () => putOf(create(), 'article');

  it('kb.create makes a valid internal draft', () => {
    const a = draft();
    expect(knowledgeArticleSchema.safeParse(a).success).toBe(true);
    expect(a).toMatchObject({
      state: 'draft',
      audience: 'internal',
      version: 1,
      authorId: ids.agentA,
      publishedAt: null,
      createdAt: now,
    });
    expect(a.stamps.body).toEqual({ hlc: stamp(60_000), by: ids.agentA });
  });

  it('kb.create refuses requesters, duplicates and bad kinds', () => {
    expect(errorOf(create(actors.requester))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(create(actors.agentA, { kind: 'gossip' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'kind',
    });
    expect(
      errorOf(
        run(
          'kb.create',
          { id: articleId, title: 'x', body: '', kind: 'howto' },
          loadedWith({ articles: [draft()] }),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('kb.update merges fields and reports concurrent losers', () => {
    const a: KnowledgeArticle = {
      ...draft(),
      stamps: { ...draft().stamps, title: { hlc: stamp(120_000, 'client-b'), by: ids.leadA } },
    };
    const out = run(
      'kb.update',
      {
        articleId,
        fields: { title: 'Old idea', body: 'Better steps' },
        base: { title: stamp(60_000), body: stamp(60_000) },
      },
      loadedWith({ articles: [a] }),
      ctxFor(actors.agentB, 90_000),
    );
    expect(putOf(out, 'article')).toMatchObject({
      title: 'Reset the VPN profile',
      body: 'Better steps',
      updatedAt: T0 + 90_000,
    });
    expect(conflictsOf(out)).toEqual([
      expect.objectContaining({
        userId: ids.agentB,
        field: 'title',
        ticketId: null,
        mutation: 'kb.update@1',
      }),
    ]);
    const lost = run(
      'kb.update',
      { articleId, fields: { title: 'Old idea' }, base: { title: stamp(60_000) } },
      loadedWith({ articles: [a] }),
      ctxFor(actors.agentB, 90_000),
    );
    expect(lost.ok && lost.effects.map((e) => e.type)).toEqual(['conflict']);
  });

  it('kb.update refuses bad input, strangers and missing articles', () => {
    const loaded = loadedWith({ articles: [draft()] });
    expect(
      errorOf(run('kb.update', { articleId, fields: {}, base: {} }, loaded, ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'VALIDATION', field: 'fields' });
    expect(
      errorOf(
        run(
          'kb.update',
          { articleId, fields: { body: 'x' }, base: {} },
          loaded,
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'base.body' });
    expect(
      errorOf(
        run(
          'kb.update',
          { articleId, fields: { state: 'published' }, base: {} },
          loaded,
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'VALIDATION', field: 'fields.state' });
    expect(
      errorOf(
        run(
          'kb.update',
          { articleId, fields: { body: 'x' }, base: { body: null } },
          loaded,
          ctxFor(actors.requester),
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      errorOf(
        run(
          'kb.update',
          { articleId, fields: { body: 'x' }, base: { body: null } },
          loadedWith(),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      errorOf(kbUpdate.apply(loadedWith(), { articleId } as never, ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('kb.publish publishes, versions re-publications and retires', () => {
    let loaded = loadedWith({ articles: [draft()] });
    loaded = applyPuts(loaded, run('kb.publish', { articleId }, loaded, ctxFor(actors.leadA)));
    expect(loaded.articles.get(articleId as never)).toMatchObject({
      state: 'published',
      version: 1,
      publishedAt: now,
    });
    loaded = applyPuts(
      loaded,
      run('kb.publish', { articleId, to: 'retired' }, loaded, ctxFor(actors.leadA, 70_000)),
    );
    expect(loaded.articles.get(articleId as never)).toMatchObject({ state: 'retired', version: 1 });
    loaded = applyPuts(
      loaded,
      run('kb.publish', { articleId }, loaded, ctxFor(actors.leadA, 80_000)),
    );
    expect(loaded.articles.get(articleId as never)).toMatchObject({
      state: 'published',
      version: 2,
      publishedAt: T0 + 80_000,
    });
  });

  it('kb.publish refuses agents, empty bodies, no-op moves and missing articles', () => {
    const loaded = loadedWith({ articles: [draft()] });
    expect(errorOf(run('kb.publish', { articleId }, loaded, ctxFor(actors.agentA)))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      errorOf(
        run(
          'kb.publish',
          { articleId },
          loadedWith({ articles: [{ ...draft(), body: '  ' }] }),
          ctxFor(actors.leadA),
        ),
      ),
    ).toMatchObject({ code: 'GUARD_FAILED', field: 'body' });
    expect(
      errorOf(run('kb.publish', { articleId, to: 'draft' }, loaded, ctxFor(actors.leadA))),
    ).toMatchObject({ code: 'VALIDATION', field: 'to' });
    expect(
      errorOf(
        run(
          'kb.publish',
          { articleId },
          loadedWith({ articles: [{ ...draft(), state: 'published' }] }),
          ctxFor(actors.leadA),
        ),
      ),
    ).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(
      errorOf(run('kb.publish', { articleId }, loadedWith(), ctxFor(actors.leadA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      errorOf(kbPublish.apply(loadedWith(), { articleId } as never, ctxFor(actors.leadA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('configuration items', () => {
  const create = (actor = actors.agentA, o: object = {}) =>
    run(
      'ci.create',
      { id: ciId, name: 'vpn-gw-01', kind: 'host', ownerQueueId: ids.queueA, ...o },
      loadedWith(),
      ctxFor(actor),
    );
  const ci = () => putOf(create(), 'ci');

  it('ci.create makes a valid active CI', () => {
    expect(configurationItemSchema.safeParse(ci()).success).toBe(true);
    expect(ci()).toMatchObject({
      status: 'active',
      attributes: {},
      parentId: null,
      createdBy: ids.agentA,
      createdAt: now,
    });
  });

  it('ci.create refuses requesters, self-parents, duplicates and bad kinds', () => {
    expect(errorOf(create(actors.requester))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(create(actors.agentA, { parentId: ciId }))).toMatchObject({
      code: 'VALIDATION',
      field: 'parentId',
    });
    expect(errorOf(create(actors.agentA, { kind: 'toaster' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'kind',
    });
    expect(
      errorOf(
        run(
          'ci.create',
          { id: ciId, name: 'x', kind: 'host' },
          loadedWith({ cis: [ci()] }),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('ci.update merges fields like tickets', () => {
    const out = run(
      'ci.update',
      {
        ciId,
        fields: { status: 'maintenance', attributes: { os: 'debian 12' } },
        base: { status: stamp(60_000), attributes: stamp(60_000) },
      },
      loadedWith({ cis: [ci()] }),
      ctxFor(actors.agentB, 90_000),
    );
    expect(putOf(out, 'ci')).toMatchObject({
      status: 'maintenance',
      attributes: { os: 'debian 12' },
      updatedAt: T0 + 90_000,
    });
    expect(conflictsOf(out)).toEqual([]);
    const stale = run(
      'ci.update',
      { ciId, fields: { name: 'old' }, base: { name: null } },
      loadedWith({ cis: [ci()] }),
      ctxFor(actors.agentB, 30_000),
    );
    expect(stale.ok && stale.effects.map((e) => e.type)).toEqual(['conflict']);
  });

  it('ci.update refuses bad input, strangers and missing CIs', () => {
    const loaded = loadedWith({ cis: [ci()] });
    expect(
      errorOf(run('ci.update', { ciId, fields: {}, base: {} }, loaded, ctxFor(actors.agentA))),
    ).toMatchObject({ field: 'fields' });
    expect(
      errorOf(
        run('ci.update', { ciId, fields: { name: 'x' }, base: {} }, loaded, ctxFor(actors.agentA)),
      ),
    ).toMatchObject({ field: 'base.name' });
    expect(
      errorOf(
        run(
          'ci.update',
          { ciId, fields: { parentId: ciId }, base: { parentId: null } },
          loaded,
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ field: 'fields.parentId' });
    expect(
      errorOf(
        run(
          'ci.update',
          { ciId, fields: { name: 'x' }, base: { name: null } },
          loaded,
          ctxFor(actors.requester),
        ),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      errorOf(
        run(
          'ci.update',
          { ciId, fields: { name: 'x' }, base: { name: null } },
          loadedWith(),
          ctxFor(actors.agentA),
        ),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      errorOf(ciUpdate.apply(loadedWith(), { ciId } as never, ctxFor(actors.agentA))),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
