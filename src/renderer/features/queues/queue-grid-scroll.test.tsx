import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { QueueGrid } from './queue-grid';
import { toQueueRow } from './row-model';
import { ticket } from './testing';

/** The grid tells its screen where it was scrolled to, so coming back restores the place. */
describe('queue grid scroll position', () => {
  it('reports the offset of each scroll, read once by the virtualizer', () => {
    const rows = Array.from({ length: 500 }, (_, i) => toQueueRow(ticket({ n: i + 1 })));
    const onScrolled = vi.fn();
    render(
      <MantineProvider>
        <QueueGrid
          label="Queue"
          rows={rows}
          now={0}
          users={new Map()}
          sort={{ key: 'number', dir: 'asc' }}
          onSort={() => undefined}
          selectedId={null}
          onSelect={() => undefined}
          onOpen={() => undefined}
          onClearSelection={() => undefined}
          initialScrollTop={0}
          onScrolled={onScrolled}
          gridRef={createRef()}
          placeholder={null}
        />
      </MantineProvider>,
    );
    const body = screen.getByTestId('queue-body');
    const scrollTop = vi.spyOn(body, 'scrollTop', 'get');
    for (const top of [440, 4400]) {
      scrollTop.mockReturnValue(top);
      act(() => {
        fireEvent.scroll(body);
      });
      expect(onScrolled).toHaveBeenLastCalledWith(top);
    }
    // One read per scroll event: the grid itself reads no layout after rendering.
    expect(scrollTop).toHaveBeenCalledTimes(2);
  });
});
