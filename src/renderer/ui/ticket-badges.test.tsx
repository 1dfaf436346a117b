import { createTheme, MantineProvider, mergeMantineTheme, DEFAULT_THEME } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lookClass, lookRule, PriorityBadge, SlaBadge, StateBadge } from './ticket-badges';

const badgeSheet = () =>
  document.head.querySelector('style[data-outpost-badges]')?.textContent ?? '';

const theme = mergeMantineTheme(DEFAULT_THEME, createTheme({}));

/**
 * A badge is one span whose colours come from one class per look, never
 * from an inline style: custom properties on each badge made Chromium
 * resolve each badge's style on its own, the largest share of a fast queue
 * scroll's style work.
 */
describe('ticket badges', () => {
  it('draw every look from a class in the shared sheet, with no inline style', () => {
    render(
      <MantineProvider>
        <PriorityBadge priority={1} />
        <PriorityBadge priority={3} />
        <StateBadge state="on_hold" />
        <SlaBadge state="within" dueAt={2 * 3_600_000} now={0} tip="attribute" />
      </MantineProvider>,
    );
    const badges = ['P1 Critical', 'P3 Moderate', 'On Hold', '2h left'].map((text) =>
      screen.getByText(text),
    );
    const sheet = badgeSheet();
    for (const badge of badges) {
      expect(badge.children).toHaveLength(0);
      expect(badge.getAttribute('style')).toBeNull();
      const look = [...badge.classList].find((c) => c.startsWith('tb-'));
      expect(look, badge.className).toBeDefined();
      expect(sheet).toContain(`.tb.${look}{`);
    }
    // Each look once, however many badges show it.
    render(
      <MantineProvider>
        <PriorityBadge priority={1} />
      </MantineProvider>,
    );
    const p1 = lookClass({ color: 'red.9', variant: 'filled', autoContrast: true });
    expect(badgeSheet().split(`.tb.${p1}{`)).toHaveLength(2);
  });

  it("take the look's colours from Mantine's variant resolver, with its text colour where one is given", () => {
    const light = lookRule(theme, { color: 'blue', variant: 'light' });
    const resolved = theme.variantColorResolver({ color: 'blue', theme, variant: 'light' });
    expect(light).toContain(`background:${resolved.background};`);
    expect(light).toContain(`color:${resolved.color};`);
    expect(light).toContain(`border:${resolved.border}}`);
    // No custom properties of its own (each would be resolved per badge).
    expect(light).not.toMatch(/[{;]\s*--/);
    // P3's near-black text on the yellow tint (contrast), not the variant's yellow.
    const p3 = lookRule(theme, { color: 'yellow', variant: 'light', ink: 'dark.7' });
    expect(p3).toContain('color:var(--mantine-color-dark-7);');
    expect(lookClass({ color: 'yellow', variant: 'light', ink: 'dark.7' })).toBe(
      'tb-light-yellow-ink-dark-7',
    );
  });
});
