import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { OVERSCAN, QueueGrid, ROW_HEIGHT, rowDomId, slotCount } from './queue-grid';
import { toQueueRow, type QueueRow } from './row-model';
import { ticket } from './testing';

const renderGrid = (rows: QueueRow[], onScrolled: (top: number) => void = () => undefined) =>
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

const manyRows = () => Array.from({ length: 500 }, (_, i) => toQueueRow(ticket({ n: i + 1 })));

/** The grid tells its screen where it was scrolled to, so coming back restores the place. */
describe('queue grid scroll position', () => {
  it('reports the offset of each scroll, read once by the virtualizer', () => {
    const onScrolled = vi.fn();
    renderGrid(manyRows(), onScrolled);
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

describe('queue grid scrolling', () => {
  const scrollTo = (body: HTMLElement, top: number) => {
    vi.spyOn(body, 'scrollTop', 'get').mockReturnValue(top);
    act(() => {
      fireEvent.scroll(body);
    });
  };

  it('hands the DOM of rows scrolled out to the rows scrolled in', () => {
    const rows = manyRows();
    renderGrid(rows);
    const body = screen.getByTestId('queue-body');
    // Away from the top, where the window has overscan on both sides.
    scrollTo(body, 100 * ROW_HEIGHT);
    const beforeOrder = screen.getAllByTestId('queue-row');
    const before = new Set(beforeOrder);
    scrollTo(body, 110 * ROW_HEIGHT);
    const after = screen.getAllByTestId('queue-row');
    // Ten rows scrolled in; their elements are ones that were already there
    // (keyed by ticket, all ten would be new elements).
    const created = after.filter((el) => !before.has(el));
    expect(after.length).toBeGreaterThan(20);
    expect(created.length).toBeLessThanOrEqual(1);
    // Nor did any move: a moved node is restyled and laid out as if new.
    const kept = after.filter((el) => before.has(el));
    expect(kept).toEqual(beforeOrder.filter((el) => kept.includes(el)));
    // Each element shows the ticket at its position, once.
    const shown = after
      .map((el) => ({
        index: Number(el.getAttribute('aria-rowindex')) - 2,
        id: el.id,
        label: el.querySelector('a')?.textContent,
        top: el.style.transform,
      }))
      .sort((a, b) => a.index - b.index);
    expect(shown[0]!.index).toBe(110 - OVERSCAN);
    shown.forEach((s, i) => {
      const row = rows[shown[0]!.index + i]!;
      expect(s).toEqual({
        index: shown[0]!.index + i,
        id: rowDomId(row.id),
        label: row.label,
        top: `translateY(${(shown[0]!.index + i) * ROW_HEIGHT}px)`,
      });
    });
  });

  it('keeps row keys unique for any window', () => {
    for (const height of [0, 440, 880, 2600]) {
      const slots = slotCount(height, 0);
      // The most rows a window of this height renders: its rows, one part-row, overscan both sides.
      expect(slots).toBeGreaterThanOrEqual(Math.ceil(height / ROW_HEIGHT) + 1 + 2 * OVERSCAN);
      expect(slotCount(height, slots + 5)).toBe(slots + 5);
    }
  });
});
