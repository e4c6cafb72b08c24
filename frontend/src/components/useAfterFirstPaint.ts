import { useEffect, useState } from 'react';

/**
 * useAfterFirstPaint is false until the browser has painted the page and
 * has a moment to spare (at most `wait` milliseconds later, one second by
 * default). Pages use it to draw what is heavy and not needed first — a
 * chart library, a simulator below the fold — after what the reader came
 * for.
 */
export function useAfterFirstPaint(wait = 1000): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => setReady(true), { timeout: wait });
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(() => setReady(true), 50);
    return () => window.clearTimeout(id);
  }, [wait]);
  return ready;
}
