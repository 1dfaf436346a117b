import { Fragment } from 'react';
import type { Segment } from '../../workers/snippet';

/** Matched words in <mark>; ticket text only ever becomes text nodes. */
export const Highlighted = ({ segments }: { segments: readonly Segment[] }) => (
  <>
    {segments.map((s, i) =>
      s.hit ? (
        <mark key={i} className="outpost-hit">
          {s.text}
        </mark>
      ) : (
        <Fragment key={i}>{s.text}</Fragment>
      ),
    )}
  </>
);

export const plainOf = (segments: readonly Segment[]): string =>
  segments.map((s) => s.text).join('');
