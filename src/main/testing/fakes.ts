import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMainInvokeEvent,
  Session,
  WebContents,
} from 'electron';
import type { SafeStorageLike } from '../token-store';

/**
 * Stand-ins for the Electron objects the main process receives, recording
 * what was done to them. Electron itself cannot run on the build machines.
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}

export class FakeSession {
  permissionRequest: Parameters<Session['setPermissionRequestHandler']>[0] = null;
  permissionCheck: Parameters<Session['setPermissionCheckHandler']>[0] = null;
  devicePermission: Parameters<Session['setDevicePermissionHandler']>[0] = null;
  proxies: unknown[] = [];
  closedConnections = 0;
  certificateVerifyProc: Parameters<Session['setCertificateVerifyProc']>[0] = null;
  setPermissionRequestHandler(h: Parameters<Session['setPermissionRequestHandler']>[0]): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: Parameters<Session['setPermissionCheckHandler']>[0]): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: Parameters<Session['setDevicePermissionHandler']>[0]): void {
    this.devicePermission = h;
  }
  setCertificateVerifyProc(proc: Parameters<Session['setCertificateVerifyProc']>[0]): void {
    this.certificateVerifyProc = proc;
  }
  async setProxy(config: unknown): Promise<void> {
    this.proxies.push(config);
  }
  async closeAllConnections(): Promise<void> {
    this.closedConnections += 1;
  }
  asSession(): Session {
    return this as unknown as Session;
  }
}

export interface FakeNavigationEvent {
  url: string;
  isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export const navigationEvent = (url: string, isMainFrame = true): FakeNavigationEvent => ({
  url,
  isMainFrame,
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(readonly session: FakeSession = new FakeSession()) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.destroyed);
  }
  loadedUrl: string | null = null;
  shown = false;
  maximized = false;
  destroyed = false;
  normalBounds = { x: 10, y: 20, width: 1000, height: 700 };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  getNormalBounds() {
    return this.normalBounds;
  }
}

export const FakeBrowserWindowCtor = FakeBrowserWindow as unknown as new (
  options: BrowserWindowConstructorOptions,
) => BrowserWindow;

export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
}

export const ipcEvent = (frame: FakeFrame | null): IpcMainInvokeEvent =>
  ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;

export const appFrame = (path = '/'): FakeFrame => ({
  url: `app://outpost${path}`,
  origin: 'app://outpost',
  parent: null,
});

/**
 * Reversible but not plaintext: every byte is XORed and the result tagged, so
 * a test can tell encrypted output from the token itself.
 */
export const fakeSafeStorage = (
  options: { available?: boolean; backend?: string } = {},
): SafeStorageLike & { encryptCalls: number } => {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const store = {
    encryptCalls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain: string) => {
      store.encryptCalls += 1;
      return Buffer.concat([Buffer.from('FAKE1'), xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString: (data: Buffer) => {
      if (data.subarray(0, 5).toString() !== 'FAKE1')
        throw new Error('Error while decrypting the ciphertext');
      return xor(data.subarray(5)).toString('utf8');
    },
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend as string } : {}),
  };
  return store;
};
