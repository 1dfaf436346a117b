import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPEN_EXTERNAL_WRAPPER, rules, scanSource, scanTree } from './source-scan';

const root = resolve(import.meta.dirname, '../..');

/** Each forbidden pattern, written the way someone might actually write it. */
const FORBIDDEN: [rule: string, line: string][] = [
  ['node-integration', '  webPreferences: { nodeIntegration: true },'],
  ['node-integration', 'nodeIntegrationInWorker:true,'],
  ['node-integration', 'nodeIntegrationInSubFrames : true'],
  ['sandbox-off', '    sandbox: false,'],
  ['context-isolation-off', 'contextIsolation:false'],
  ['web-security-off', 'webSecurity: false, // for CORS'],
  ['insecure-content', 'allowRunningInsecureContent: true'],
  ['webview-tag', 'webviewTag: true'],
  ['bypass-csp', 'privileges: { standard: true, bypassCSP: true }'],
  ['unsafe-eval', `"script-src 'self' 'unsafe-eval'"`],
  ['open-external', 'void shell.openExternal(url);'],
  ['open-external', 'await shell .openExternal (link)'],
  ['open-external', 'const { openExternal } = shell;'],
  ['eval', 'const value = eval(code);'],
  ['eval', 'return eval (x)'],
  ['new-function', "const f = new Function('a', 'return a');"],
  ['dangerously-set-inner-html', '<div dangerouslySetInnerHTML={{ __html: ticket.body }} />'],
  ['inner-html', 'el.innerHTML = comment.text;'],
  ['inner-html', 'node.outerHTML += x'],
  ['inner-html', "el.insertAdjacentHTML('beforeend', html)"],
  ['inner-html', 'document.write(html)'],
  ['token-in-web-storage', "localStorage.setItem('hubToken', token);"],
  ['token-in-web-storage', 'localStorage.setItem(TOKEN_KEY, value)'],
  ['token-in-web-storage', "sessionStorage.setItem('outpost.session-token', t)"],
  ['token-in-web-storage', 'localStorage.authToken = session.token;'],
  ['token-in-web-storage', "localStorage['token'] = t"],
];

const ALLOWED = [
  'contextIsolation: true,',
  'sandbox: true,',
  'nodeIntegration: false,',
  'webSecurity: true,',
  'const retrieval = retrieval(x); evaluate(x); page.evaluate(fn);',
  'const f = new FunctionRegistry();',
  "localStorage.setItem('theme', 'dark');",
  "if (el.innerHTML === '') return;",
  'const isToken = localStorage.token === undefined;',
  'await openLink(url);',
];

describe('source scan', () => {
  it.each(FORBIDDEN)('finds %s in: %s', (rule, line) => {
    const findings = scanSource('src/renderer/fixture.tsx', `// fixture\n${line}\n`);
    expect(findings.map((f) => f.rule)).toContain(rule);
    expect(findings.find((f) => f.rule === rule)).toMatchObject({
      file: 'src/renderer/fixture.tsx',
      line: 2,
    });
  });

  it('has a fixture for every rule', () => {
    expect(new Set(FORBIDDEN.map(([rule]) => rule))).toEqual(new Set(rules.map((r) => r.id)));
  });

  it.each(ALLOWED)('does not flag the safe form: %s', (line) => {
    expect(scanSource('src/main/fixture.ts', line)).toEqual([]);
  });

  it('allows shell.openExternal only in its one wrapper', () => {
    const line = 'await shell.openExternal(check.href);';
    expect(scanSource(OPEN_EXTERNAL_WRAPPER, line)).toEqual([]);
    expect(scanSource('src/main/index.ts', line).map((f) => f.rule)).toEqual(['open-external']);
  });

  it('finds nothing forbidden anywhere under src/', async () => {
    const findings = await scanTree(root, resolve(root, 'src'));
    expect(findings.map((f) => `${f.file}:${f.line} [${f.rule}] ${f.text}`)).toEqual([]);
  });

  it('walks nested folders, skips tests and node_modules, and reports repository paths', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'outpost-scan-'));
    try {
      await mkdir(join(tmp, 'src', 'renderer', 'features', 'ticket'), { recursive: true });
      await mkdir(join(tmp, 'src', 'node_modules', 'lib'), { recursive: true });
      await writeFile(
        join(tmp, 'src', 'renderer', 'features', 'ticket', 'body.tsx'),
        'ok\n<p dangerouslySetInnerHTML={x} />\n',
      );
      await writeFile(
        join(tmp, 'src', 'renderer', 'features', 'ticket', 'body.test.tsx'),
        'sandbox: false',
      );
      await writeFile(join(tmp, 'src', 'node_modules', 'lib', 'index.js'), 'eval(x)');
      await writeFile(join(tmp, 'src', 'notes.md'), 'eval(x)');
      const findings = await scanTree(tmp, join(tmp, 'src'));
      expect(findings).toEqual([
        {
          rule: 'dangerously-set-inner-html',
          file: 'src/renderer/features/ticket/body.tsx',
          line: 2,
          text: '<p dangerouslySetInnerHTML={x} />',
        },
      ]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
