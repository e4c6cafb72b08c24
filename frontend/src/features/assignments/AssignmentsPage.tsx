import { ActionIcon, Button, Checkbox, Container, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { IconTriangleAlert } from '../../components/icons';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { locusKey, useLocus, type LocusRow } from '../locus/api';
import { serverError, unplaced } from '../locus/serverErrors';
import type { User } from '../session/types';
import { useAssessors, type Account } from '../users/api';
import { useWork, workKey } from '../work/api';
import type { WorkItem } from '../work/types';
import { useYear } from '../work/useYear';
import { YearSelect } from '../work/YearSelect';
import { CoverageTable } from './CoverageTable';

/**
 * AssignmentsPage is /admin/penugasan: a period's coverage (units without
 * an assessor are flagged), assessors for every unit of an entity in one
 * action, and per-unit reassignment. Coordinators see their province only
 * (the server scopes the locus and refuses other provinces' units).
 */
export function AssignmentsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { periods, year, setYear } = useYear();
  const locus = useLocus(year);
  const [params, setParams] = useSearchParams();
  const picked = Number(params.get('entitas')) || undefined;
  const pick = (id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('entitas', String(id));
        return next;
      },
      { replace: true },
    );
  const row = locus.data?.find((r) => r.entity_id === picked);
  return (
    <Container py="xl">
      <PageHeader title={t('assignments.title')} description={user.role === 'admin' ? t('assignments.intro') : t('assignments.introCoordinator')} />
      <Stack gap="lg">
        {periods.isError && <ProblemAlert error={periods.error} />}
        {periods.data && year !== undefined && <YearSelect periods={periods.data} year={year} onChange={setYear} />}
        {locus.isError && <ProblemAlert error={locus.error} onRetry={() => void locus.refetch()} />}
        {locus.isPending && year !== undefined && <LoadingState rows={4} />}
        {locus.data && locus.data.length === 0 && <EmptyState title={t('assignments.emptyLocus', { year })} />}
        {locus.data && locus.data.length > 0 && <CoverageTable rows={locus.data} selected={picked} onPick={pick} />}
        {picked !== undefined && locus.data && !row && <EmptyState title={t('assignments.notInLocus')} />}
        {row && year !== undefined && <EntityAssignments key={`${year}-${row.entity_id}`} row={row} year={year} />}
      </Stack>
    </Container>
  );
}

function EntityAssignments({ row, year }: { row: LocusRow; year: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const assessors = useAssessors();
  const units = useWork({ year, entityId: row.entity_id });
  const [chosen, setChosen] = useState<number[]>([]);
  const [local, setLocal] = useState<string | undefined>();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: locusKey });
    void qc.invalidateQueries({ queryKey: workKey });
  };
  const all = useMutation({
    mutationFn: () => api.post<{ assignments: number }>(`/api/v1/periods/${year}/entities/${row.entity_id}/assessors`, { user_ids: chosen }),
    onSuccess: () => {
      setChosen([]);
      refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length === 0) return setLocal(t('assignments.pickAssessor'));
    setLocal(undefined);
    all.mutate();
  };
  const names = new Map((assessors.data ?? []).map((a) => [a.id, a.name]));
  return (
    <Paper component="section" aria-labelledby="entity-assign" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="md">
        <Title order={2} size="h3" id="entity-assign">
          {t('assignments.entityTitle', { name: row.name, year })}
        </Title>
        {assessors.isError && <ProblemAlert error={assessors.error} />}
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <Checkbox.Group
              label={t('assignments.assessorsForAll')}
              description={t('assignments.assessorsForAllHint', { count: row.units })}
              value={chosen.map(String)}
              onChange={(v) => setChosen(v.map(Number))}
              error={local ?? serverError(all.error, 'user_ids', t)}
            >
              <Group gap="md" mt="xs" wrap="wrap">
                {(assessors.data ?? []).map((a) => (
                  <Checkbox key={a.id} value={String(a.id)} label={a.name} styles={{ body: { minHeight: 44, alignItems: 'center' } }} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group>
              <Button type="submit" mih={44} loading={all.isPending}>
                {t('assignments.assignAll')}
              </Button>
            </Group>
            {all.data && (
              <Text role="status" c="green.8">
                {t('assignments.assigned', { count: all.data.assignments })}
              </Text>
            )}
            {unplaced(all.error, ['user_ids']) && <ProblemAlert error={all.error} />}
          </Stack>
        </form>
        <Title order={3} size="h4">
          {t('assignments.perUnit')}
        </Title>
        {units.isError && <ProblemAlert error={units.error} />}
        {units.isPending && <LoadingState rows={3} />}
        {units.data && (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('assignments.perUnit')}>
            {units.data.items.map((u) => (
              <UnitAssignment key={u.unit_assessment_id} unit={u} names={names} assessors={assessors.data ?? []} onChange={refresh} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function UnitAssignment({ unit, names, assessors, onChange }: { unit: WorkItem; names: Map<number, string>; assessors: Account[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [add, setAdd] = useState('');
  const current = unit.assessors ?? [];
  const assign = useMutation({
    mutationFn: (userId: number) => api.post(`/api/v1/unit-assessments/${unit.unit_assessment_id}/assessors`, { user_id: userId }),
    onSuccess: () => {
      setAdd('');
      onChange();
    },
  });
  const remove = useMutation({
    mutationFn: (userId: number) => api.delete(`/api/v1/unit-assessments/${unit.unit_assessment_id}/assessors/${userId}`),
    onSuccess: onChange,
  });
  const addable = assessors.filter((a) => !current.includes(a.id));
  return (
    <Paper component="li" withBorder p="sm" data-unit={unit.unit}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {unit.unit}
          </Text>
          {current.length === 0 && (
            <Group gap={6} c="red.8" wrap="nowrap">
              <IconTriangleAlert size={18} aria-hidden="true" />
              <Text size="sm" fw={600}>
                {t('assignments.noAssessor')}
              </Text>
            </Group>
          )}
        </Group>
        {current.length > 0 && (
          <Group gap="xs" wrap="wrap" aria-label={t('assignments.assessorsOf', { unit: unit.unit })}>
            {current.map((id) => (
              <Group key={id} gap={4} wrap="nowrap" px="xs" style={{ border: '1px solid var(--mantine-color-slate-3)', borderRadius: 999 }}>
                <Text size="sm">{names.get(id) ?? t('assignments.userN', { id })}</Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size={44}
                  loading={remove.isPending && remove.variables === id}
                  onClick={() => remove.mutate(id)}
                  aria-label={t('assignments.remove', { name: names.get(id) ?? id, unit: unit.unit })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Group>
        )}
        <Group align="flex-end" gap="xs" wrap="wrap">
          <NativeSelect
            label={t('assignments.addAssessor')}
            value={add}
            onChange={(e) => setAdd(e.currentTarget.value)}
            data={[{ value: '', label: t('assignments.choose') }, ...addable.map((a) => ({ value: String(a.id), label: a.name }))]}
            error={serverError(assign.error, 'user_id', t)}
            w={{ base: '100%', xs: 240 }}
          />
          <Button size="sm" variant="default" mih={44} disabled={!add} loading={assign.isPending} onClick={() => assign.mutate(Number(add))}>
            {t('assignments.add')}
          </Button>
        </Group>
        {unplaced(assign.error, ['user_id']) && <ProblemAlert error={assign.error} />}
        {remove.error && <ProblemAlert error={remove.error} />}
      </Stack>
    </Paper>
  );
}
