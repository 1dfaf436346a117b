import { useEffect } from 'react';

/**
 * After a refused submit, the first field in error gets the focus (and the
 * screen reader's attention). Keyed on the attempt, not on the errors: when
 * an error clears as the person types, the focus stays where they type.
 */
export const useFocusOnRefusal = (attempt: number, container: string) => {
  useEffect(() => {
    if (attempt === 0) return;
    document.querySelector<HTMLElement>(`${container} [aria-invalid="true"]`)?.focus();
  }, [attempt, container]);
};
