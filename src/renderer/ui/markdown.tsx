import { Typography } from '@mantine/core';
import ReactMarkdown, { defaultUrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Ticket text is untrusted (SECURITY.md): Markdown is rendered to React
 * elements, raw HTML in it is dropped (never injected), and links keep only
 * safe schemes; they open in a new tab without the opener.
 */
const SAFE = /^(https?:|mailto:)/i;

export const safeUrl = (url: string): string => {
  const cleaned = defaultUrlTransform(url);
  return SAFE.test(cleaned) || cleaned.startsWith('#') ? cleaned : '';
};

export const Markdown = ({ text }: { text: string }) => (
  <Typography p={0} fz="sm">
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
      skipHtml
      urlTransform={safeUrl}
      components={{
        a: ({ href, children }) =>
          href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ) : (
            <span>{children}</span>
          ),
        img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
      }}
    >
      {text}
    </ReactMarkdown>
  </Typography>
);
