import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useReducer } from 'react';
import { api } from '../../api/client';
import { entityPath } from '../results/api';
import { whatIfResultSchema } from '../results/types';

/** AnswerRef names one answer: an indicator of a unit. */
export interface AnswerRef {
  unitId: number;
  indicator: string;
}

/** SimChange is a simulated answer with the answer it replaces. */
export interface SimChange extends AnswerRef {
  value: number;
  /** The stored answer (null when unanswered), so that going back to it drops the change. */
  original: number | null;
}

/**
 * WhatIfState holds the simulated answers that differ from the stored ones,
 * keyed "unitId|indicator". Nothing here is ever saved.
 */
export interface WhatIfState {
  values: Record<string, number>;
}

/** WhatIfAction changes the simulation. */
export type WhatIfAction = { type: 'set'; change: SimChange } | { type: 'apply'; changes: SimChange[] } | { type: 'reset' };

/** answerKey is the key of an answer in WhatIfState. */
export const answerKey = (r: AnswerRef) => `${r.unitId}|${r.indicator}`;

/** emptyWhatIf is a simulation without changes. */
export const emptyWhatIf: WhatIfState = { values: {} };

function put(values: Record<string, number>, c: SimChange): Record<string, number> {
  const k = answerKey(c);
  const { [k]: _dropped, ...rest } = values;
  void _dropped;
  return c.value === c.original ? rest : { ...rest, [k]: c.value };
}

/**
 * whatIfReducer: "set" changes one answer (back to the stored value drops
 * the change), "apply" sets several at once (e.g. the suggested way to the
 * next category), "reset" forgets every change.
 */
export function whatIfReducer(state: WhatIfState, action: WhatIfAction): WhatIfState {
  switch (action.type) {
    case 'set':
      return { values: put(state.values, action.change) };
    case 'apply':
      return { values: action.changes.reduce(put, state.values) };
    case 'reset':
      return emptyWhatIf;
  }
}

/** WhatIfChange is one change as POST …/what-if takes it. */
export interface WhatIfChange {
  unit_id: number;
  indicator: string;
  value: number;
}

/** toChanges lists the simulated answers in a stable order (unit, then indicator) for the request. */
export function toChanges(state: WhatIfState): WhatIfChange[] {
  return Object.entries(state.values)
    .map(([k, value]) => {
      const i = k.indexOf('|');
      return { unit_id: Number(k.slice(0, i)), indicator: k.slice(i + 1), value };
    })
    .sort((a, b) => a.unit_id - b.unit_id || a.indicator.localeCompare(b.indicator));
}

/** simulatedValue is the answer shown for an indicator: the simulated one, or the stored one. */
export function simulatedValue(state: WhatIfState, ref: AnswerRef, original: number | null): number | null {
  const v = state.values[answerKey(ref)];
  return v === undefined ? original : v;
}

/** How long the simulator waits after the last change before it asks the server. */
export const whatIfDebounceMs = 400;

/**
 * useWhatIf keeps a simulation of changed answers and scores it on the
 * server (POST …/what-if, nothing saved), once the user has stopped
 * changing answers for a moment. The last result stays on screen while the
 * next is computed.
 */
export function useWhatIf(year: number, entityId: number) {
  const [state, dispatch] = useReducer(whatIfReducer, emptyWhatIf);
  const changes = useMemo(() => toChanges(state), [state]);
  const key = JSON.stringify(changes);
  const [settledKey] = useDebouncedValue(key, whatIfDebounceMs);
  const settled = useMemo(() => JSON.parse(settledKey) as WhatIfChange[], [settledKey]);
  const query = useQuery({
    queryKey: ['results', 'what-if', year, entityId, settledKey],
    queryFn: ({ signal }) => api.post(`${entityPath(year, entityId)}/what-if`, { changes: settled }, whatIfResultSchema, { signal }),
    enabled: settled.length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
  });
  return {
    state,
    dispatch,
    changes,
    /** The result for the current changes, or for the previous ones while waiting. */
    result: changes.length > 0 ? query.data : undefined,
    /** True while the shown result is not yet that of the current changes. */
    pending: changes.length > 0 && (key !== settledKey || query.isFetching || query.isPlaceholderData),
    error: changes.length > 0 && key === settledKey ? query.error : null,
  };
}
