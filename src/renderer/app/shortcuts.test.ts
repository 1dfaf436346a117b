import { describe, expect, it } from 'vitest';
import { createSequenceMatcher, goShortcuts, isTypingTarget } from './shortcuts';

describe('createSequenceMatcher', () => {
  const sequences = ['?', 'g i', 'g r'];

  it('completes a two-key sequence pressed within the window', () => {
    const m = createSequenceMatcher(sequences, 1000);
    expect(m.press('g', 0)).toBeNull();
    expect(m.press('i', 900)).toBe('g i');
  });

  it('forgets the prefix after the window', () => {
    const m = createSequenceMatcher(sequences, 1000);
    m.press('g', 0);
    expect(m.press('i', 1001)).toBeNull();
  });

  it('does not fire a second key alone, and restarts on a new prefix', () => {
    const m = createSequenceMatcher(sequences, 1000);
    expect(m.press('i', 0)).toBeNull();
    m.press('g', 10);
    expect(m.press('x', 20)).toBeNull();
    expect(m.press('r', 30)).toBeNull();
    m.press('g', 40);
    expect(m.press('g', 50)).toBeNull();
    expect(m.press('r', 60)).toBe('g r');
  });

  it('fires single-key sequences at once', () => {
    const m = createSequenceMatcher(sequences, 1000);
    expect(m.press('?', 0)).toBe('?');
  });
});

describe('goShortcuts', () => {
  it('gives every navigable section its own key', () => {
    const keys = goShortcuts.map((g) => g.sequence);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['g i', 'g r', 'g p', 'g c', 'g k', 'g u', 'g q']));
  });
});

describe('isTypingTarget', () => {
  it('recognises fields and editable regions', () => {
    const input = document.createElement('input');
    const div = document.createElement('div');
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const inner = document.createElement('span');
    editable.appendChild(inner);
    document.body.append(input, div, editable);
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(inner)).toBe(true);
    expect(isTypingTarget(div)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
