import { describe, expect, it } from 'vitest';
import { checkExternalUrl, createOpenExternal } from './external-links';
import { createMemoryLog } from './log';

const opener = () => {
  const opened: string[] = [];
  const log = createMemoryLog();
  const open = createOpenExternal({ openExternal: async (u) => void opened.push(u) }, log);
  return { opened, log, open };
};

describe('external links', () => {
  it.each([
    ['https://example.org/kb/42?x=1#top', 'https://example.org/kb/42?x=1#top'],
    ['http://intranet.local:8080/page', 'http://intranet.local:8080/page'],
    ['HTTPS://Example.ORG', 'https://example.org/'],
    [
      'mailto:service-desk@example.org?subject=INC-42',
      'mailto:service-desk@example.org?subject=INC-42',
    ],
  ])('opens %s in the browser as %s', async (raw, href) => {
    const { opened, open } = opener();
    await expect(open(raw)).resolves.toBe(true);
    expect(opened).toEqual([href]);
  });

  it.each([
    ['javascript:alert(1)', 'protocol javascript: not allowed'],
    ['JavaScript:alert(document.cookie)', 'protocol javascript: not allowed'],
    ['java\tscript:alert(1)', 'whitespace or control character'],
    ['file:///etc/passwd', 'protocol file: not allowed'],
    ['file://server/share/run.exe', 'protocol file: not allowed'],
    ['data:text/html,<script>alert(1)</script>', 'protocol data: not allowed'],
    ['vbscript:msgbox', 'protocol vbscript: not allowed'],
    ['ms-msdt:/id%20PCWDiagnostic', 'protocol ms-msdt: not allowed'],
    ['smb://server/share', 'protocol smb: not allowed'],
    ['app://outpost/settings', 'protocol app: not allowed'],
    ['https:evil.example', 'missing // after scheme'],
    ['https:/evil.example', 'missing // after scheme'],
    ['https://bank.example@evil.example/', 'credentials in URL'],
    [' https://example.org', 'whitespace or control character'],
    ['https://exa\nmple.org', 'whitespace or control character'],
    ['//evil.example/path', 'not a valid URL'],
    ['not a url', 'whitespace or control character'],
    ['https://', 'not a valid URL'],
    ['http://[::1', 'not a valid URL'],
    ['mailto:', 'mailto without address'],
    ['https://example.org/' + 'a'.repeat(9000), 'too long'],
  ])('refuses %s (%s)', async (raw, reason) => {
    expect(checkExternalUrl(raw)).toEqual({ ok: false, reason });
    const { opened, open, log } = opener();
    await expect(open(raw)).resolves.toBe(false);
    expect(opened).toEqual([]);
    expect(log.lines).toEqual([
      expect.objectContaining({ level: 'warn', message: 'external link refused' }),
    ]);
  });

  it('refuses values that are not strings', async () => {
    const { opened, open } = opener();
    await expect(open({ toString: () => 'https://example.org' })).resolves.toBe(false);
    await expect(open(undefined)).resolves.toBe(false);
    expect(opened).toEqual([]);
  });

  it('reports a failure of the operating system to open the link instead of throwing', async () => {
    const log = createMemoryLog();
    const open = createOpenExternal(
      {
        openExternal: async () => {
          throw new Error('no handler');
        },
      },
      log,
    );
    await expect(open('https://example.org')).resolves.toBe(false);
    expect(log.lines[0]).toMatchObject({ message: 'external link failed to open' });
  });
});
