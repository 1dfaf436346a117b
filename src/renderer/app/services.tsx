import { createContext, useContext, type ReactNode } from 'react';
import { createAccountsApi, type AccountsApi } from '../api/accounts';
import { createApiClient } from '../api/client';
import { createProfileCache } from '../session/profile-cache';
import { createSessionController, type SessionController } from '../session/session-controller';
import type { Platform } from './platform';
import { navigate } from './router';

/** Everything the screens need from the outside world, injectable for tests. */
export interface Services {
  platform: Platform;
  accounts: AccountsApi;
  session: SessionController;
}

export interface ServicesOptions {
  platform: Platform;
  fetch?: typeof fetch;
  storage?: Storage | null;
  pageOrigin: string;
}

export const createServices = (options: ServicesOptions): Services => {
  // The client reports lost sessions to the controller, which needs the
  // client's API: bind late through this holder.
  let session: SessionController | null = null;
  const client = createApiClient({
    base: options.platform.apiBase,
    fetch: options.fetch,
    onSessionLost: () => session?.sessionLost(),
  });
  const accounts = createAccountsApi(client);
  session = createSessionController({
    platform: options.platform,
    accounts,
    cache: createProfileCache(options.storage ?? null),
    pageOrigin: options.pageOrigin,
    onSignedOut: () => navigate('/', { replace: true }),
  });
  return { platform: options.platform, accounts, session };
};

const ServicesContext = createContext<Services | null>(null);

export const ServicesProvider = (props: { services: Services; children: ReactNode }) => (
  <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>
);

export const useServices = (): Services => {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesProvider');
  return s;
};
