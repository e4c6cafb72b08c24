import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders, createQueryClient } from '../../App';
import { json, mockFetch } from '../../test/fetch';
import { whatIfOne, whatIfToA } from '../results/testdata';
import { emptyWhatIf, simulatedValue, toChanges, useWhatIf, whatIfDebounceMs, whatIfReducer, type WhatIfState } from './whatif';

const atr = { unitId: 91, indicator: 'PR.ST.10' };
const set = (s: WhatIfState, indicator: string, value: number, original: number | null, unitId = 91) =>
  whatIfReducer(s, { type: 'set', change: { unitId, indicator, value, original } });

describe('whatIfReducer', () => {
  it('keeps a changed answer, and drops it when set back to the stored value', () => {
    let s = set(emptyWhatIf, 'PR.ST.10', 3, 1);
    expect(s.values).toEqual({ '91|PR.ST.10': 3 });
    s = set(s, 'PR.ST.10', 2, 1);
    expect(s.values).toEqual({ '91|PR.ST.10': 2 });
    s = set(s, 'PR.ST.10', 1, 1);
    expect(s.values).toEqual({});
  });

  it('treats an unanswered indicator as a change whatever value is chosen', () => {
    expect(set(emptyWhatIf, 'PG.PP.09', 0, null).values).toEqual({ '91|PG.PP.09': 0 });
  });

  it('applies several changes at once and resets', () => {
    let s = set(emptyWhatIf, 'IN.KP.02', 2, 3);
    s = whatIfReducer(s, {
      type: 'apply',
      changes: [
        { unitId: 91, indicator: 'PR.ST.10', value: 3, original: 1 },
        { unitId: 91, indicator: 'OU.PM.02', value: 2, original: 2 },
      ],
    });
    expect(s.values).toEqual({ '91|IN.KP.02': 2, '91|PR.ST.10': 3 });
    expect(whatIfReducer(s, { type: 'reset' })).toEqual(emptyWhatIf);
  });

  it('lists the changes for the request in a stable order', () => {
    let s = set(emptyWhatIf, 'PR.ST.10', 3, 1, 92);
    s = set(s, 'OU.PM.02', 3, 2, 91);
    s = set(s, 'IN.KP.01', 3, 2, 92);
    expect(toChanges(s)).toEqual([
      { unit_id: 91, indicator: 'OU.PM.02', value: 3 },
      { unit_id: 92, indicator: 'IN.KP.01', value: 3 },
      { unit_id: 92, indicator: 'PR.ST.10', value: 3 },
    ]);
  });

  it('shows the simulated answer, or the stored one', () => {
    const s = set(emptyWhatIf, 'PR.ST.10', 3, 1);
    expect(simulatedValue(s, atr, 1)).toBe(3);
    expect(simulatedValue(s, { unitId: 91, indicator: 'OU.PM.02' }, 2)).toBe(2);
    expect(simulatedValue(emptyWhatIf, atr, null)).toBeNull();
  });
});

describe('useWhatIf', () => {
  afterEach(() => vi.useRealTimers());

  const wrapper = ({ children }: { children: ReactNode }) => <AppProviders queryClient={createQueryClient()}>{children}</AppProviders>;

  it('asks the server once the user stops changing answers, with every change so far', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockFetch((c) => json(200, (c.body as { changes: unknown[] }).changes.length >= 3 ? whatIfToA : whatIfOne));
    const { result } = renderHook(() => useWhatIf(2022, 25), { wrapper });
    expect(result.current.result).toBeUndefined();
    expect(result.current.pending).toBe(false);

    act(() => result.current.dispatch({ type: 'set', change: { unitId: 91, indicator: 'PR.ST.10', value: 3, original: 1 } }));
    expect(result.current.pending).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(whatIfDebounceMs / 2));
    act(() => result.current.dispatch({ type: 'set', change: { unitId: 91, indicator: 'OU.PM.02', value: 3, original: 2 } }));
    act(() => result.current.dispatch({ type: 'set', change: { unitId: 91, indicator: 'PG.PP.09', value: 3, original: null } }));
    await act(() => vi.advanceTimersByTimeAsync(whatIfDebounceMs + 50));

    await waitFor(() => expect(result.current.result?.after.category).toBe('A'));
    expect(result.current.pending).toBe(false);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe('/api/v1/periods/2022/entities/25/what-if');
    expect(posts[0]?.headers['x-requested-with']).toBe('p4');
    expect(posts[0]?.body).toEqual({
      changes: [
        { unit_id: 91, indicator: 'OU.PM.02', value: 3 },
        { unit_id: 91, indicator: 'PG.PP.09', value: 3 },
        { unit_id: 91, indicator: 'PR.ST.10', value: 3 },
      ],
    });
  });

  it('sends nothing without changes, and forgets the result on reset', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockFetch(() => json(200, whatIfOne));
    const { result } = renderHook(() => useWhatIf(2022, 25), { wrapper });
    await act(() => vi.advanceTimersByTimeAsync(whatIfDebounceMs * 2));
    expect(calls).toHaveLength(0);

    act(() => result.current.dispatch({ type: 'set', change: { unitId: 91, indicator: 'PR.ST.10', value: 3, original: 1 } }));
    await act(() => vi.advanceTimersByTimeAsync(whatIfDebounceMs + 50));
    await waitFor(() => expect(result.current.result?.after.score).toBe(85.49));
    expect(result.current.result?.delta).toBe(1.96);

    act(() => result.current.dispatch({ type: 'reset' }));
    expect(result.current.result).toBeUndefined();
    expect(result.current.changes).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(whatIfDebounceMs * 2));
    expect(calls).toHaveLength(1);
  });
});
