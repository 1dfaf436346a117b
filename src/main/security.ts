import type { App, Session, WebContents } from 'electron';
import type { OpenExternal } from './external-links';
import type { Log } from './log';
import { APP_HOST, APP_SCHEME } from './protocol';

/**
 * Guards applied to every web contents the app ever creates (SECURITY.md
 * "Electron shell"): via `app.on('web-contents-created')`, so a window added
 * later cannot forget them. The app's own origin is the only place any
 * frame may navigate to; everything else is refused, and links a person
 * clicks open in their browser when they are http(s) or mailto.
 */
export const isAppUrl = (raw: string): boolean => {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
};

/**
 * Deny by default. Writing to the clipboard ("copy ticket link") is the one
 * permission the app's own pages get; nothing is granted to other origins.
 */
const ALLOWED_PERMISSIONS = new Set<string>(['clipboard-sanitized-write']);

export const isPermissionAllowed = (
  permission: string,
  requestingUrl: string | undefined,
): boolean =>
  ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);

export interface GuardDeps {
  openExternal: OpenExternal;
  log: Log;
}

const guardedSessions = new WeakSet<Session>();

export const guardSession = (session: Session, log: Log): void => {
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) log.warn('permission request denied', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  // USB, HID and serial devices: no feature of a service desk needs them.
  session.setDevicePermissionHandler(() => false);
};

export const guardWebContents = (contents: WebContents, { openExternal, log }: GuardDeps): void => {
  guardSession(contents.session, log);

  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('navigation blocked', { url: event.url.slice(0, 200) });
    // A plain link in ticket text navigates the page; send it to the browser instead.
    if (event.isMainFrame) void openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('frame navigation blocked', { url: event.url.slice(0, 200) });
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('redirect blocked', { url: event.url.slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
};

/** Call once, before any window exists. */
export const installWebContentsGuards = (app: Pick<App, 'on'>, deps: GuardDeps): void => {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps));
};
