import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SharedTip, tipText } from './shared-tip';

afterEach(() => vi.useRealTimers());

const List = () => {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <MantineProvider>
      <div ref={ref} data-testid="list">
        <span data-testid="due" data-tip="Resolution due" data-tip-at={Date.UTC(2026, 0, 5, 15)}>
          3h left
        </span>
        <span data-testid="updated" data-tip-at={Date.UTC(2026, 0, 4, 9, 30)}>
          yesterday
        </span>
        <span data-testid="plain">no tip</span>
      </div>
      <SharedTip within={ref} delay={400} />
    </MantineProvider>
  );
};

describe('one shared tooltip for a list', () => {
  it('shows the hovered element’s tip after the delay, tied to it, and hides on leave', () => {
    vi.useFakeTimers();
    render(<List />);
    const due = screen.getByTestId('due');
    fireEvent.pointerOver(due);
    act(() => vi.advanceTimersByTime(399));
    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toBe(tipText(due));
    expect(tip.textContent).toMatch(/^Resolution due \S/);
    expect(due.getAttribute('aria-describedby')).toBe(tip.id);

    // Moving to another element moves the tip (after its own delay).
    fireEvent.pointerOver(screen.getByTestId('updated'));
    expect(screen.queryByRole('tooltip')).toBeNull();
    expect(due.hasAttribute('aria-describedby')).toBe(false);
    act(() => vi.advanceTimersByTime(400));
    expect(screen.getByRole('tooltip').textContent).toBe(tipText(screen.getByTestId('updated')));

    fireEvent.pointerLeave(screen.getByTestId('list'));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows nothing for elements without a tip, and nothing once the pointer left early', () => {
    vi.useFakeTimers();
    render(<List />);
    fireEvent.pointerOver(screen.getByTestId('plain'));
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.pointerOver(screen.getByTestId('due'));
    fireEvent.pointerLeave(screen.getByTestId('list'));
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('formats data-tip-at as a local date and time, after data-tip', () => {
    const el = document.createElement('span');
    el.dataset.tipAt = String(Date.UTC(2026, 0, 5, 15));
    const time = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(Date.UTC(2026, 0, 5, 15));
    expect(tipText(el)).toBe(time);
    el.dataset.tip = 'Due';
    expect(tipText(el)).toBe(`Due ${time}`);
    el.dataset.tipAt = 'garbage';
    expect(tipText(el)).toBe('Due');
  });
});
