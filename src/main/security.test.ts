import type { App } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMemoryLog } from './log';
import { guardWebContents, installWebContentsGuards, isAppUrl } from './security';
import type { FakeSession } from './testing/fakes';
import { FakeEmitter, FakeWebContents, navigationEvent } from './testing/fakes';

const setup = () => {
  const opened: unknown[] = [];
  const log = createMemoryLog();
  const contents = new FakeWebContents();
  guardWebContents(contents.asWebContents(), {
    openExternal: async (u) => {
      opened.push(u);
      return true;
    },
    log,
  });
  return { contents, opened, log };
};

const OWN = ['app://outpost/', 'app://outpost/tickets/42', 'app://OUTPOST/queues?x=1'];
const FOREIGN = [
  'https://evil.example/',
  'http://localhost:5173/',
  'file:///etc/passwd',
  'app://other/',
  'app://outpost.evil.example/',
  'app://outpost:8080/',
  'javascript:alert(1)',
  'about:blank',
  'not a url',
];

describe('navigation guards on every web contents', () => {
  it('are installed through web-contents-created, so windows created later get them too', () => {
    const app = new FakeEmitter();
    installWebContentsGuards(app as unknown as App, {
      openExternal: async () => true,
      log: createMemoryLog(),
    });
    const later = new FakeWebContents();
    app.emit('web-contents-created', {}, later);
    const event = navigationEvent('https://evil.example/');
    later.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(later.windowOpenHandler).not.toBeNull();
    expect(later.session.permissionRequest).not.toBeNull();
  });

  it.each(OWN)('allows navigation within the app: %s', (url) => {
    const { contents } = setup();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const event = navigationEvent(url);
      contents.emit(name, event);
      expect(event.defaultPrevented, name).toBe(false);
    }
  });

  it.each(FOREIGN)('denies navigation, frame navigation and redirects to %s', (url) => {
    const { contents } = setup();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const event = navigationEvent(url, name !== 'will-frame-navigate');
      contents.emit(name, event);
      expect(event.defaultPrevented, name).toBe(true);
    }
  });

  it('hands a clicked web link to the browser (through the checked opener) instead of navigating', () => {
    const { contents, opened } = setup();
    contents.emit('will-navigate', navigationEvent('https://vendor.example/kb/1'));
    contents.emit('will-frame-navigate', navigationEvent('https://ads.example/', false));
    contents.emit('will-redirect', navigationEvent('https://redirected.example/'));
    expect(opened).toEqual(['https://vendor.example/kb/1']);
  });

  it('denies every window.open and passes the URL to the checked opener', () => {
    const { contents, opened } = setup();
    for (const url of [
      'https://example.org/',
      'javascript:alert(1)',
      'app://outpost/',
      'file:///c:/x',
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    // The opener (external-links.ts) decides what is actually opened.
    expect(opened).toEqual([
      'https://example.org/',
      'javascript:alert(1)',
      'app://outpost/',
      'file:///c:/x',
    ]);
  });

  it('prevents attaching a webview', () => {
    const { contents } = setup();
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  const requested = (session: FakeSession, permission: string, requestingUrl: string): boolean => {
    let granted: boolean | null = null;
    session.permissionRequest!(
      {} as never,
      permission as never,
      (g) => {
        granted = g;
      },
      { requestingUrl } as never,
    );
    if (granted === null) throw new Error('callback not called');
    return granted;
  };

  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'openExternal',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'unknown',
  ])('denies %s, even to the app itself', (permission) => {
    const { contents } = setup();
    expect(requested(contents.session, permission, 'app://outpost/')).toBe(false);
    expect(
      contents.session.permissionCheck!(null, permission as never, 'app://outpost', {} as never),
    ).toBe(false);
  });

  it('lets only the app itself write to the clipboard', () => {
    const { contents } = setup();
    const s = contents.session;
    expect(requested(s, 'clipboard-sanitized-write', 'app://outpost/tickets/1')).toBe(true);
    expect(requested(s, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(
      s.permissionCheck!(null, 'clipboard-sanitized-write', 'app://outpost', {} as never),
    ).toBe(true);
    expect(
      s.permissionCheck!(null, 'clipboard-sanitized-write', 'https://evil.example', {} as never),
    ).toBe(false);
  });

  it('denies USB, HID and serial devices', () => {
    const { contents } = setup();
    expect(contents.session.devicePermission!({} as never)).toBe(false);
  });

  it('logs a denied request so support can see why a feature did not work', () => {
    const { contents, log } = setup();
    requested(contents.session, 'media', 'app://outpost/');
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        message: 'permission request denied',
        data: { permission: 'media', url: 'app://outpost/' },
      }),
    );
  });
});

describe('isAppUrl', () => {
  it('parses rather than comparing prefixes', () => {
    expect(isAppUrl('app://outpost/x')).toBe(true);
    expect(isAppUrl('app://outpost.evil/x')).toBe(false);
    expect(isAppUrl('app://outpost@evil/x')).toBe(false);
    expect(isAppUrl('xapp://outpost/')).toBe(false);
  });
});
