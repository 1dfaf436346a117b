import type { CategoryBank } from './phrases-categories';
import {
  closings,
  departments,
  devices,
  firstNames,
  impacts,
  lastNames,
  locations,
  requestJustifications,
  scopes,
  whens,
} from './phrases-common';
import type { Rng } from './prng';

/** Ticket text composed from the phrase banks: titles and 40–80-word descriptions. */

export const MIN_WORDS = 40;
export const MAX_WORDS = 80;

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

const clock = (rng: Rng): string =>
  `${String(rng.int(7, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;

/** Fills {department}, {location}, {ext}, {manager}, {time} and {ref} placeholders. */
export const fill = (rng: Rng, template: string): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'department':
        return rng.pick(departments);
      case 'location':
        return rng.pick(locations);
      case 'ext':
        return String(rng.int(2000, 7999));
      case 'manager':
        return `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
      case 'time':
        return clock(rng);
      case 'ref':
        return `${rng.pick(['CS', 'SR', 'TAC'])}-${rng.int(100000, 999999)}`;
      default:
        return whole;
    }
  });

export const incidentTitle = (rng: Rng, bank: CategoryBank): string => {
  const base = `${capitalize(rng.pick(bank.things))} ${rng.pick(bank.failures)}`;
  return rng.chance(0.3) ? `${base} since ${rng.pick(bank.triggers)}` : base;
};

export const requestTitle = (rng: Rng, bank: CategoryBank): string =>
  capitalize((bank.requests && rng.pick(bank.requests)) ?? `help with ${rng.pick(bank.things)}`);

/**
 * Adds sentences in order until a drawn length (40–80 words, most near the short end,
 * as people write) is reached, never going past MAX_WORDS. The sentence lists are
 * long enough that even the tersest phrases reach MIN_WORDS (the tests check this).
 */
const compose = (rng: Rng, first: string, optional: string[]): string => {
  const target = MIN_WORDS + Math.floor((MAX_WORDS - MIN_WORDS) * rng.next() ** 2);
  const out = [first];
  let words = wordCount(first);
  for (const s of optional) {
    if (words >= target) break;
    const n = wordCount(s);
    if (words + n > MAX_WORDS) continue;
    out.push(s);
    words += n;
  }
  return out.join(' ');
};

const shuffle = <T>(rng: Rng, items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

export const incidentDescription = (rng: Rng, bank: CategoryBank, title: string): string => {
  const tried = shuffle(rng, [...bank.tried]);
  const first = rng.chance(0.5)
    ? `${title}. It started ${rng.pick(whens)}, right after ${rng.pick(bank.triggers)}.`
    : `${capitalize(rng.pick(bank.things))} ${rng.pick(bank.failures)} since ${rng.pick(bank.triggers)}.`;
  const middle = shuffle(rng, [
    `It affects ${fill(rng, rng.pick(scopes))}.`,
    `The error message says "${rng.pick(bank.errors)}".`,
    `I have already ${tried[0]} and ${tried[1] ?? 'restarted'}, but the problem comes back.`,
    `I am working from ${rng.pick(locations)} on ${rng.pick(devices)}.`,
    `This matters because ${rng.pick(impacts)}.`,
  ]);
  return compose(rng, first, [
    ...middle,
    fill(rng, rng.pick(closings)),
    fill(
      rng,
      `It happened again at {time} and at {time}, each time after ${rng.pick(bank.triggers)}.`,
    ),
  ]);
};

export const requestDescription = (rng: Rng, bank: CategoryBank, title: string): string => {
  const who = `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
  const first = `Please arrange ${title.charAt(0).toLowerCase()}${title.slice(1)} for ${who} in ${rng.pick(departments)}.`;
  const middle = shuffle(rng, [
    rng.pick(requestJustifications),
    `It should be ready by ${rng.pick(['Monday', 'the end of the week', 'the 1st of next month', 'tomorrow'])} if possible.`,
    `The cost centre is CC-${rng.int(1000, 9999)} and the approver is ${rng.pick(firstNames)} ${rng.pick(lastNames)}.`,
    `${who} works from ${rng.pick(locations)} and uses ${rng.pick(devices)}.`,
  ]);
  return compose(rng, first, [
    ...middle,
    fill(rng, rng.pick(closings)),
    fill(rng, `If anything is unclear please call me on extension {ext} or ask ${who} directly.`),
  ]);
};

export const problemDescription = (rng: Rng, bank: CategoryBank, count: number): string =>
  compose(rng, `Several users report that ${rng.pick(bank.things)} ${rng.pick(bank.failures)}.`, [
    `The ${count} linked incidents show the same pattern since ${rng.pick(bank.triggers)}.`,
    `The common error is "${rng.pick(bank.errors)}".`,
    `First-line teams have ${rng.pick(bank.tried)}, which helps only for a while.`,
    'We need the root cause, a workaround for the service desk and a permanent fix.',
    `Affected users work mostly from ${rng.pick(locations)}.`,
    `The business impact is that ${rng.pick(impacts)}.`,
    fill(rng, 'Monitoring data from {time} onwards is attached to the first incident.'),
  ]);

const changeVerbs = ['Upgrade', 'Patch', 'Reconfigure', 'Replace', 'Migrate'] as const;

export const changeTitle = (rng: Rng, bank: CategoryBank): string =>
  `${rng.pick(changeVerbs)} ${rng.pick(bank.things).replace(/^(my|the) /, 'the ')}`;

export const changeDescription = (rng: Rng, bank: CategoryBank, title: string): string =>
  compose(rng, `${title} during the agreed maintenance window.`, [
    `The change addresses reports that ${rng.pick(bank.things)} ${rng.pick(bank.failures)}.`,
    `It was prepared after ${rng.pick(bank.triggers)} and tested in the staging environment.`,
    `Expected user impact is a short interruption for ${fill(rng, rng.pick(scopes))}.`,
    `Success is confirmed when no "${rng.pick(bank.errors)}" errors appear for one hour.`,
    `The service desk has been briefed and a notice goes to ${rng.pick(departments)} beforehand.`,
    fill(rng, 'Contact the implementer on extension {ext} during the window.'),
  ]);

export const implementationPlan = (rng: Rng, title: string): string =>
  fill(
    rng,
    `1. Announce the window. 2. Take a configuration backup. 3. ${title}. 4. Verify with pilot users from {department}. 5. Close the window.`,
  );

export const backoutPlan = (rng: Rng): string =>
  rng.pick([
    'Restore the configuration backup taken in step 2 and restart the service.',
    'Roll back to the previous version from the software repository.',
    'Fail back to the standby system and reopen the change for analysis.',
  ]);
