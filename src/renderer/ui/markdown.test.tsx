import { render } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { Markdown, safeUrl } from './markdown';

const show = (text: string) =>
  render(
    <MantineProvider>
      <Markdown text={text} />
    </MantineProvider>,
  ).container;

describe('Markdown', () => {
  it('renders formatting, lists and tables', () => {
    const c = show('**bold** and `code`\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(c.querySelector('strong')?.textContent).toBe('bold');
    expect(c.querySelectorAll('li')).toHaveLength(2);
    expect(c.querySelector('table')).not.toBeNull();
  });

  it('drops raw HTML instead of injecting it', () => {
    const c = show('hello <img src=x onerror="alert(1)"> <script>alert(2)</script> world');
    expect(c.querySelector('img')).toBeNull();
    expect(c.querySelector('script')).toBeNull();
    expect(c.textContent).toContain('hello');
  });

  it('keeps only safe link schemes and opens links without the opener', () => {
    const c = show('[ok](https://example.org) [bad](javascript:alert(1)) [data](data:text/html,x)');
    const links = [...c.querySelectorAll('a')];
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://example.org');
    expect(links[0]!.getAttribute('rel')).toContain('noopener');
    expect(safeUrl('javascript:alert(1)')).toBe('');
  });

  it('shows images as their alt text so no tracking pixel loads', () => {
    const c = show('![diagram](https://tracker.example/p.png)');
    expect(c.querySelector('img')).toBeNull();
    expect(c.textContent).toContain('[image: diagram]');
  });
});
