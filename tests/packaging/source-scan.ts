import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * A scan of the shipped sources for patterns SECURITY.md forbids. Lint
 * catches some of them; this catches the rest (Electron options, the one
 * openExternal wrapper, raw HTML) and runs on every file under src/.
 */
export interface ScanRule {
  id: string;
  why: string;
  pattern: RegExp;
  /** Repository-relative paths (with /) where the pattern is the point of the file. */
  allowedIn?: readonly string[];
}

export interface Finding {
  rule: string;
  file: string;
  line: number;
  text: string;
}

export const OPEN_EXTERNAL_WRAPPER = 'src/main/external-links.ts';

export const rules: readonly ScanRule[] = [
  {
    id: 'node-integration',
    why: 'renderers never get Node',
    pattern: /\bnodeIntegration(InWorker|InSubFrames)?\s*:\s*true\b/,
  },
  { id: 'sandbox-off', why: 'every renderer is sandboxed', pattern: /\bsandbox\s*:\s*false\b/ },
  {
    id: 'context-isolation-off',
    why: 'preload and page stay isolated',
    pattern: /\bcontextIsolation\s*:\s*false\b/,
  },
  {
    id: 'web-security-off',
    why: 'same-origin policy stays on',
    pattern: /\bwebSecurity\s*:\s*false\b/,
  },
  {
    id: 'insecure-content',
    why: 'no http content in the app',
    pattern: /\ballowRunningInsecureContent\s*:\s*true\b/,
  },
  { id: 'webview-tag', why: 'no <webview>', pattern: /\bwebviewTag\s*:\s*true\b/ },
  { id: 'bypass-csp', why: 'the app:// scheme obeys its CSP', pattern: /\bbypassCSP\s*:\s*true\b/ },
  { id: 'unsafe-eval', why: 'no unsafe-eval in any CSP', pattern: /unsafe-eval/ },
  {
    id: 'open-external',
    why: 'links reach the OS only through the checked wrapper',
    pattern: /\bshell\s*\.\s*openExternal\s*\(|\{[^}]*\bopenExternal\b[^}]*\}\s*=\s*shell\b/,
    allowedIn: [OPEN_EXTERNAL_WRAPPER],
  },
  { id: 'eval', why: 'no code from strings', pattern: /(^|[^\w$.])eval\s*\(/ },
  { id: 'new-function', why: 'no code from strings', pattern: /\bnew\s+Function\s*\(/ },
  {
    id: 'dangerously-set-inner-html',
    why: 'ticket text is untrusted: render Markdown through the sanitizer',
    pattern: /dangerouslySetInnerHTML/,
  },
  {
    id: 'inner-html',
    why: 'ticket text is untrusted: no raw HTML sinks',
    pattern:
      /\.(innerHTML|outerHTML)\s*(\+?=)(?!=)|\binsertAdjacentHTML\s*\(|\bdocument\s*\.\s*write(ln)?\s*\(/,
  },
  {
    id: 'token-in-web-storage',
    why: 'hub tokens live in safeStorage or an HttpOnly cookie, never in web storage',
    pattern:
      /\b(localStorage|sessionStorage)\s*\.\s*setItem\s*\(\s*[^,)]*token|\b(localStorage|sessionStorage)\s*(\.\s*\w*token\w*|\[\s*[^\]]*token[^\]]*\])\s*=(?!=)/i,
  },
];

/** Scans one file's text; `file` is repository-relative with forward slashes. */
export const scanSource = (file: string, text: string): Finding[] => {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  for (const rule of rules) {
    if (rule.allowedIn?.includes(file)) continue;
    lines.forEach((line, index) => {
      if (rule.pattern.test(line))
        findings.push({ rule: rule.id, file, line: index + 1, text: line.trim() });
    });
  }
  return findings;
};

const SCANNED = /\.(ts|tsx|js|jsx|mjs|cjs|html)$/;
// Tests spell out the forbidden patterns on purpose (to check they are refused).
const SKIPPED = /\.test\.(ts|tsx)$/;

export const scanTree = async (repoRoot: string, dir: string): Promise<Finding[]> => {
  const findings: Finding[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') await walk(path);
      } else if (SCANNED.test(entry.name) && !SKIPPED.test(entry.name)) {
        const file = relative(repoRoot, path).split(sep).join('/');
        findings.push(...scanSource(file, await readFile(path, 'utf8')));
      }
    }
  };
  await walk(dir);
  return findings;
};
