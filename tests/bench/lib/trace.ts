import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';

/** Chromium trace categories with the renderer's per-frame work (what DevTools' Performance panel records). */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'blink.user_timing',
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Trace event names of the renderer's phases, as DevTools names them. */
const PHASES: Record<string, string> = {
  FunctionCall: 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
};

/**
 * The page's main-thread time in a Chromium trace by phase, per animation
 * frame ("busy 18.1 ms (script 5.3, style 1.4, layout 4.0, …) over 667
 * frames") or in all (`per: 'trace'`). Phases nest (a layout forced by
 * script sits inside it), so they need not add up; busy is the tasks' total.
 */
async function framePhases(tracePath: string, per: 'frame' | 'trace' = 'frame'): Promise<string> {
  const trace = JSON.parse(await readFile(tracePath, 'utf8')) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const totals = new Map<string, number>();
  let busy = 0;
  let frames = 0;
  for (const e of events) {
    if (!main.has(`${e.pid}:${e.tid}`)) continue;
    if (e.name === 'FireAnimationFrame') frames++;
    if (e.ph !== 'X' || e.dur === undefined) continue;
    if (e.name === 'RunTask') busy += e.dur;
    const phase = PHASES[e.name];
    if (phase) totals.set(phase, (totals.get(phase) ?? 0) + e.dur);
  }
  if (per === 'frame' && frames === 0) return 'no animation frames in the trace';
  const perFrame = (us: number) => (us / 1000 / (per === 'frame' ? frames : 1)).toFixed(1);
  const phases = Object.values(PHASES)
    .filter((p) => totals.has(p))
    .map((p) => `${p} ${perFrame(totals.get(p)!)}`);
  return `busy ${perFrame(busy)} ms (${phases.join(', ')})${per === 'frame' ? ` over ${frames} frames` : ''}`;
}

/**
 * Runs `fn` under a Chromium trace of `page` saved as `name` in
 * OUTPOST_BENCH_TRACE_DIR, and reports where its main-thread time went
 * (framePhases); without that variable it just runs `fn` (phases: null).
 */
export async function traced<T>(
  browser: Browser,
  page: Page,
  name: string,
  per: 'frame' | 'trace',
  fn: () => Promise<T>,
): Promise<{ result: T; phases: string | null }> {
  const dir = process.env.OUTPOST_BENCH_TRACE_DIR;
  if (!dir) return { result: await fn(), phases: null };
  const path = join(dir, name);
  await mkdir(dir, { recursive: true });
  await browser.startTracing(page, { path, categories: TRACE_CATEGORIES });
  const result = await fn();
  await browser.stopTracing();
  return { result, phases: await framePhases(path, per) };
}
