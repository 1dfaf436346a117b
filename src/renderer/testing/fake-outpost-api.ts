import { outpostApiChannels, type OutpostApi } from '../../shared/ipc/contract';

/**
 * A `window.outpost` for renderer tests: the functions a test gives, and for
 * every other one a rejection naming it, so a test notices a call it did not
 * expect instead of getting a silent undefined.
 */
export const fakeOutpostApi = (overrides: Partial<OutpostApi> = {}): OutpostApi => {
  const api = Object.fromEntries(
    Object.keys(outpostApiChannels).map((name) => [
      name,
      () => Promise.reject(new Error(`[INTERNAL] ${name} is not faked in this test`)),
    ]),
  ) as unknown as OutpostApi;
  return { ...api, ...overrides };
};
