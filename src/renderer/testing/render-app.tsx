import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { App } from '../app/app';
import { createServices, type Services } from '../app/services';
import type { Platform } from '../app/platform';
import { initialSessionState, useSession } from '../session/session-store';
import { initialSyncStatus, useSyncStatus } from '../sync/status-store';
import { createFakeHub, type FakeHub } from './fake-hub';

export const webPlatform: Platform = { kind: 'web', apiBase: '', desktop: null };

/**
 * Renders the whole app in web mode against a fake hub, as a user would meet it.
 * The sync engine and attachment downloads call the global fetch (the page's own
 * origin), so it is pointed at the fake hub too; the setup file undoes that after
 * each test.
 */
export const renderApp = (options: { hub?: FakeHub; platform?: Platform; hash?: string } = {}) => {
  const hub = options.hub ?? createFakeHub();
  vi.stubGlobal('fetch', hub.fetch);
  useSession.setState(initialSessionState, true);
  useSyncStatus.setState(initialSyncStatus);
  window.location.hash = options.hash ?? '';
  const services: Services = createServices({
    platform: options.platform ?? webPlatform,
    fetch: hub.fetch,
    storage: window.localStorage,
    pageOrigin: 'http://hub.test',
  });
  // No artificial delay between keystrokes: the tests wait on what the screen shows.
  const user = userEvent.setup({ delay: null });
  const view = render(<App services={services} env="test" />);
  return { hub, services, user, view, screen };
};

/** A hub with one admin and one agent, as most screens need. */
export const seededHub = () => {
  const hub = createFakeHub();
  const admin = hub.addUser({
    username: 'admin',
    password: 'correct horse battery',
    displayName: 'Ada Admin',
    roles: ['admin'],
  });
  const agent = hub.addUser({
    username: 'sam',
    password: 'agent password 1',
    displayName: 'Sam Agent',
    roles: ['agent'],
  });
  return { hub, admin, agent };
};
