import { darken, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's stock palettes were drawn for looks, not for text: white on
 * teal-7 is 3.1:1 and teal-9 on the teal tint 4.3:1, below WCAG AA. Outpost
 * puts words on these colours everywhere (state badges, SLA chips, buttons),
 * so the dark end of every palette is darkened just enough that the two
 * pairings Mantine uses for text pass AA: white on the filled shade (7, our
 * primaryShade) and shade 9 on the light tint (shade 1). Shades 0–6 keep
 * their hues, so tints and borders look as before.
 */
export const AA = 4.5;
/** A little above AA: axe rounds, and anti-aliased small text reads lighter. */
const TARGET = 4.7;
export const FILLED_SHADE = 7;

const channel = (hex: string, i: number) => {
  const v = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const luminance = (hex: string) =>
  0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const toHex = (color: string): string => {
  if (color.startsWith('#')) return color.toLowerCase();
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) throw new Error(`unexpected colour ${color}`);
  return `#${[m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`;
};

/** The colour darkened in small steps until it reaches `ratio` against `against`. */
const darkenUntil = (color: string, against: string, ratio: number): string => {
  let c = color.toLowerCase();
  for (let step = 0.02; contrast(c, against) < ratio; step += 0.02) {
    c = toHex(darken(color, step));
  }
  return c;
};

/** The palette with shades 7–9 darkened as far as AA text on them needs, and no further. */
export function readablePalette(p: MantineColorsTuple): MantineColorsTuple {
  const seven = darkenUntil(p[7], '#ffffff', TARGET);
  const eight = darkenUntil(p[8], '#ffffff', Math.max(contrast(seven, '#ffffff'), TARGET) + 0.4);
  const nine = darkenUntil(
    darkenUntil(p[9], p[1], TARGET),
    '#ffffff',
    contrast(eight, '#ffffff') + 0.4,
  );
  return [p[0], p[1], p[2], p[3], p[4], p[5], p[6], seven, eight, nine];
}

const chromatic = [
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const;

/** Every stock colour with a readable dark end (gray and dark already pass). */
export const readableColors = Object.fromEntries(
  chromatic.map((name) => [name, readablePalette(DEFAULT_THEME.colors[name])]),
) as Record<(typeof chromatic)[number], MantineColorsTuple>;
