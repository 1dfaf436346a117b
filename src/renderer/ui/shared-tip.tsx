import { Tooltip } from '@mantine/core';
import { useEffect, useId, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';

/**
 * One tooltip for a whole list: elements inside `within` that carry
 * `data-tip` (text) and/or `data-tip-at` (a time, epoch ms, formatted when
 * shown) get it on hover after `delay` ms. A virtualised grid renders dozens
 * of rows per scroll frame; a Tooltip component per cell (floating-ui
 * state, listeners, a ref each) cost more than the rest of the row.
 * It looks like Mantine's tooltip (same classes) and is tied to its target
 * with aria-describedby while shown.
 */
export const SharedTip = ({
  within,
  delay = 400,
}: {
  within: RefObject<HTMLElement | null>;
  delay?: number;
}) => {
  const id = useId();
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);
  useEffect(() => {
    const root = within.current;
    if (!root) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let target: HTMLElement | null = null;
    const hide = () => {
      clearTimeout(timer);
      target?.removeAttribute('aria-describedby');
      target = null;
      setTip(null);
    };
    const over = (e: Event) => {
      const hit =
        e.target instanceof Element
          ? e.target.closest<HTMLElement>('[data-tip], [data-tip-at]')
          : null;
      const next = hit && root.contains(hit) ? hit : null;
      if (next === target) return;
      hide();
      if (!next) return;
      target = next;
      timer = setTimeout(() => {
        const text = tipText(next);
        if (!text || !next.isConnected) return;
        const r = next.getBoundingClientRect();
        next.setAttribute('aria-describedby', id);
        setTip({ text, x: r.left + r.width / 2, y: r.top });
      }, delay);
    };
    root.addEventListener('pointerover', over);
    root.addEventListener('pointerleave', hide);
    root.addEventListener('pointerdown', hide);
    root.addEventListener('keydown', hide);
    root.addEventListener('scroll', hide, { capture: true, passive: true });
    return () => {
      hide();
      root.removeEventListener('pointerover', over);
      root.removeEventListener('pointerleave', hide);
      root.removeEventListener('pointerdown', hide);
      root.removeEventListener('keydown', hide);
      root.removeEventListener('scroll', hide, { capture: true });
    };
  }, [within, delay, id]);
  if (!tip) return null;
  return createPortal(
    <div
      role="tooltip"
      id={id}
      className={`mantine-Tooltip-tooltip ${Tooltip.classes.tooltip}`}
      data-fixed
      style={{
        left: tip.x,
        top: tip.y - 6,
        transform: 'translate(-50%, -100%)',
        zIndex: 300,
      }}
    >
      {tip.text}
    </div>,
    document.body,
  );
};

let timeFormatter: Intl.DateTimeFormat | null = null;

/** `data-tip`, then `data-tip-at` as a local date and time ("Resolution due 05/01/2026, 15:00:00"). */
export const tipText = (el: HTMLElement): string => {
  const at = Number(el.dataset.tipAt);
  const time =
    el.dataset.tipAt !== undefined && Number.isFinite(at)
      ? (timeFormatter ??= new Intl.DateTimeFormat(undefined, {
          dateStyle: 'short',
          timeStyle: 'short',
        })).format(at)
      : '';
  return [el.dataset.tip ?? '', time].filter(Boolean).join(' ');
};
