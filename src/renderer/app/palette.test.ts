import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA, contrast, FILLED_SHADE, readableColors, readablePalette } from './palette';
import { theme } from './theme';

describe('readable palettes', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('the stock teal fails AA for both text pairings (why this exists)', () => {
    const teal = DEFAULT_THEME.colors.teal;
    expect(contrast('#ffffff', teal[FILLED_SHADE])).toBeLessThan(AA);
    expect(contrast(teal[9], teal[1])).toBeLessThan(AA);
  });

  it.each(Object.keys(DEFAULT_THEME.colors))(
    'every colour of the theme carries text at AA: %s',
    (name) => {
      const p = theme.colors?.[name] ?? DEFAULT_THEME.colors[name]!;
      const shade = theme.primaryShade as number;
      expect(shade).toBe(FILLED_SHADE);
      // filled buttons and badges: white words on the filled shade
      expect(contrast('#ffffff', p[shade]!)).toBeGreaterThanOrEqual(AA);
      // light badges and avatars: shade 9 words on the shade-1 tint and on white
      expect(contrast(p[9]!, p[1]!)).toBeGreaterThanOrEqual(AA);
      // explicit darker shades stay at least as dark (color="red.8" etc.)
      expect(contrast('#ffffff', p[8]!)).toBeGreaterThanOrEqual(AA);
    },
  );

  it('keeps the tints and mid shades as they were and darkens only as far as needed', () => {
    const teal = readableColors.teal;
    expect(teal.slice(0, 7)).toEqual(DEFAULT_THEME.colors.teal.slice(0, 7));
    expect(contrast('#ffffff', teal[7])).toBeLessThan(5.5);
    // a palette that already passes is left alone at shade 7
    const gray = readablePalette(DEFAULT_THEME.colors.gray);
    expect(gray[7]).toBe(DEFAULT_THEME.colors.gray[7].toLowerCase());
  });
});
