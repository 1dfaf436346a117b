import { describe, expect, it } from 'vitest';
import { categoryBanks, queueNames } from './phrases-categories';
import { createRng } from './prng';
import {
  fill,
  incidentDescription,
  incidentTitle,
  MAX_WORDS,
  MIN_WORDS,
  requestDescription,
  requestTitle,
  wordCount,
} from './text';

describe('phrase banks', () => {
  it('have 30 categories, each routed to one of the 20 queues, and every queue used', () => {
    expect(categoryBanks).toHaveLength(30);
    expect(queueNames).toHaveLength(20);
    expect(new Set(categoryBanks.map((c) => c.name)).size).toBe(30);
    expect(new Set(categoryBanks.map((c) => c.queue))).toEqual(new Set(queueNames));
    for (const c of categoryBanks) {
      for (const list of [c.things, c.failures, c.triggers, c.errors, c.tried, c.fixes]) {
        expect(list.length, c.name).toBeGreaterThanOrEqual(2);
        for (const s of list) expect(s.trim(), c.name).toBe(s);
      }
    }
  });
});

describe('ticket text', () => {
  it('descriptions have 40–80 words and no unfilled placeholders', () => {
    const rng = createRng('text');
    const counts: number[] = [];
    for (let i = 0; i < 600; i++) {
      const bank = rng.pick(categoryBanks);
      const title = incidentTitle(rng, bank);
      const text =
        i % 2
          ? incidentDescription(rng, bank, title)
          : requestDescription(rng, bank, requestTitle(rng, bank));
      const n = wordCount(text);
      counts.push(n);
      expect(n).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(n).toBeLessThanOrEqual(MAX_WORDS);
      expect(text).not.toMatch(/[{}]/);
      expect(title.length).toBeLessThanOrEqual(200);
    }
    // Lengths vary across the range rather than sitting at one value.
    expect(Math.max(...counts) - Math.min(...counts)).toBeGreaterThan(20);
  });

  it('reaches 40 words even from the tersest phrases', () => {
    const tiny = {
      name: 'Tiny',
      queue: 'Service Desk',
      things: ['it', 'this'],
      failures: ['fails', 'stops'],
      triggers: ['today', 'now'],
      errors: ['E1', 'E2'],
      tried: ['waited', 'rebooted'],
      fixes: ['Fixed', 'Reset'],
      requests: ['a pen', 'a pad'],
    };
    const rng = createRng(4);
    for (let i = 0; i < 50; i++) {
      expect(wordCount(incidentDescription(rng, tiny, 'It fails'))).toBeGreaterThanOrEqual(
        MIN_WORDS,
      );
      expect(wordCount(requestDescription(rng, tiny, 'A pen'))).toBeGreaterThanOrEqual(MIN_WORDS);
    }
  });

  it('fills every known placeholder and leaves unknown ones alone', () => {
    const s = fill(createRng(1), '{department} {location} {ext} {manager} {time} {ref} {other}');
    expect(s).toMatch(/^\S.* \d{4} \S+ \S+ \d{2}:\d{2} (CS|SR|TAC)-\d{6} \{other\}$/);
  });

  it('request titles come from the catalogue phrases when the category has them', () => {
    const rng = createRng(2);
    const access = categoryBanks.find((c) => c.name === 'Access request')!;
    expect(access.requests!.map((r) => r.charAt(0).toUpperCase() + r.slice(1))).toContain(
      requestTitle(rng, access),
    );
    const vpn = categoryBanks.find((c) => c.name === 'VPN')!;
    expect(requestTitle(rng, vpn)).toMatch(/^Help with /);
  });
});
