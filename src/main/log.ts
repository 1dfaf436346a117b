import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The main process's log; every module receives it rather than calling console directly. */
export interface Log {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

export interface FileLogOptions {
  dir: string;
  now: () => number;
  /** Where lines are echoed as well (the terminal when started from one). */
  echo?: (line: string) => void;
  /** Rotate once the file passes this size so a chatty failure cannot fill the disk. */
  maxBytes?: number;
}

/**
 * One JSON object per line in `<logs>/main.log`, the file support staff ask
 * for. Writes are synchronous: the main process logs rarely, and a line
 * written just before a crash is the one that matters.
 */
export const createFileLog = ({ dir, now, echo, maxBytes = 5_000_000 }: FileLogOptions): Log => {
  const file = join(dir, 'main.log');
  let ready = false;
  const write = (level: Level, message: string, data?: Record<string, unknown>): void => {
    const line = JSON.stringify({ time: new Date(now()).toISOString(), level, message, ...data });
    echo?.(line);
    try {
      if (!ready) {
        mkdirSync(dir, { recursive: true });
        ready = true;
      }
      try {
        if (statSync(file).size > maxBytes) renameSync(file, join(dir, 'main.old.log'));
      } catch {
        // No file yet: nothing to rotate.
      }
      appendFileSync(file, line + '\n', { mode: 0o600 });
    } catch {
      // Logging must never take the app down (read-only profile, full disk).
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
};

/** A log that remembers lines, for tests and for code that runs before the file log exists. */
export const createMemoryLog = (): Log & {
  lines: { level: Level; message: string; data?: Record<string, unknown> }[];
} => {
  const lines: { level: Level; message: string; data?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, data) => lines.push({ level: 'info', message, data }),
    warn: (message, data) => lines.push({ level: 'warn', message, data }),
    error: (message, data) => lines.push({ level: 'error', message, data }),
  };
};
