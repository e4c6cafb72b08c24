import { Anchor, Badge, Button, Container, Group, NativeSelect, Paper, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { User } from '../session/types';
import { useYear } from '../work/useYear';
import { YearSelect } from '../work/YearSelect';
import { entitiesKey, entityKinds, locusKey, nationalKinds, useEntities, useLocus, useProvinces, type LocusRow } from './api';
import { ImportPanel } from './ImportPanel';
import { serverError, unplaced } from './serverErrors';

/**
 * LocusPage is /admin/lokus: the entities by province and kind with their
 * units, and a period's locus where an entity can be marked not assessed
 * with a reason. Admins change; a coordinator reads their own province.
 */
export function LocusPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'periode' ? 'periode' : 'entitas';
  const setTab = (v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', v ?? 'entitas');
        return next;
      },
      { replace: true },
    );
  return (
    <Container py="xl">
      <PageHeader title={t('locus.title')} description={user.role === 'admin' ? t('locus.intro') : t('locus.introCoordinator', { province: user.province_code ?? '' })} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="entitas" mih={44}>
            {t('locus.tabEntities')}
          </Tabs.Tab>
          <Tabs.Tab value="periode" mih={44}>
            {t('locus.tabPeriod')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="entitas">
          <EntitiesTab user={user} />
        </Tabs.Panel>
        <Tabs.Panel value="periode">
          <PeriodLocusTab user={user} />
        </Tabs.Panel>
      </Tabs>
    </Container>
  );
}

function EntitiesTab({ user }: { user: User }) {
  const { t } = useTranslation();
  const admin = user.role === 'admin';
  const provinces = useProvinces();
  const [province, setProvince] = useState(admin ? '' : (user.province_code ?? ''));
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  // A coordinator's list is their province, whatever the form says.
  const shownProvince = admin ? province : (user.province_code ?? '');
  const list = useEntities({ province: shownProvince || undefined, kind: kind || undefined, q: q.trim() || undefined });
  return (
    <Stack gap="lg">
      <Group align="flex-end" gap="md" wrap="wrap">
        {admin ? (
          <NativeSelect
            label={t('locus.province')}
            value={province}
            onChange={(e) => setProvince(e.currentTarget.value)}
            data={[{ value: '', label: t('locus.allProvinces') }, ...(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))]}
            w={{ base: '100%', xs: 260 }}
          />
        ) : (
          <TextInput label={t('locus.province')} value={provinces.data?.find((p) => p.code === shownProvince)?.name ?? shownProvince} readOnly w={{ base: '100%', xs: 260 }} />
        )}
        <NativeSelect
          label={t('locus.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[{ value: '', label: t('locus.allKinds') }, ...entityKinds.map((k) => ({ value: k, label: t(`locus.kinds.${k}`) }))]}
          w={{ base: '100%', xs: 220 }}
        />
        <TextInput label={t('locus.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: '100%', xs: 240 }} />
      </Group>
      {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingState rows={4} />}
      {list.data && list.data.items.length === 0 && <EmptyState title={t('locus.noEntities')} />}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('locus.entities')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('locus.name')}</Table.Th>
                <Table.Th scope="col">{t('locus.kind')}</Table.Th>
                <Table.Th scope="col">{t('locus.province')}</Table.Th>
                <Table.Th scope="col">{t('locus.units')}</Table.Th>
                <Table.Th scope="col">{t('locus.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/lokus/${e.id}`} style={{ display: 'inline-flex', minHeight: 44, alignItems: 'center' }}>
                      {e.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`locus.kinds.${e.kind}` as 'locus.kinds.pemkab', { defaultValue: e.kind })}</Table.Td>
                  <Table.Td>{e.province ?? e.province_code ?? t('locus.national')}</Table.Td>
                  <Table.Td className="p4-tabular">{e.units}</Table.Td>
                  <Table.Td>
                    <Badge color={e.active ? 'green' : 'gray'} variant="light">
                      {e.active ? t('locus.active') : t('locus.inactive')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {admin && <NewEntityForm />}
      {admin && <ImportPanel kind="locus" />}
    </Stack>
  );
}

const entityFields = ['code', 'name', 'kind', 'province_code', 'units[0].code', 'units[0].name', 'units[0].kind'];

/** NewEntityForm adds an entity with its first unit (POST /api/v1/entities). */
function NewEntityForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const provinces = useProvinces();
  const blank = { code: '', name: '', kind: 'pemkab', province_code: '', unitCode: '', unitName: '', unitKind: '' };
  const [v, setV] = useState(blank);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () =>
      api.post('/api/v1/entities', {
        code: v.code.trim(),
        name: v.name.trim(),
        kind: v.kind,
        province_code: nationalKinds.includes(v.kind) ? '' : v.province_code,
        units: [{ code: v.unitCode.trim(), name: v.unitName.trim(), kind: v.unitKind.trim() || v.unitCode.trim() }],
      }),
    onSuccess: () => {
      setV(blank);
      void qc.invalidateQueries({ queryKey: entitiesKey });
    },
  });
  const set = (k: keyof typeof blank) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((o) => ({ ...o, [k]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!v.code.trim()) errs.code = t('validation.required');
    if (!v.name.trim()) errs.name = t('validation.required');
    if (!nationalKinds.includes(v.kind) && !v.province_code) errs.province_code = t('validation.required');
    if (!v.unitCode.trim()) errs['units[0].code'] = t('validation.required');
    if (!v.unitName.trim()) errs['units[0].name'] = t('validation.required');
    setLocal(errs);
    if (Object.keys(errs).length === 0) create.mutate();
  };
  const err = (f: string) => local[f] ?? serverError(create.error, f, t);
  return (
    <Paper component="section" aria-labelledby="new-entity" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-entity">
            {t('locus.newEntity')}
          </Title>
          <Group gap="sm" grow wrap="wrap" align="flex-start">
            <TextInput label={t('locus.code')} description={t('locus.codeHint')} value={v.code} onChange={set('code')} error={err('code')} required miw={200} />
            <TextInput label={t('locus.name')} value={v.name} onChange={set('name')} error={err('name')} required miw={200} />
          </Group>
          <Group gap="sm" grow wrap="wrap" align="flex-start">
            <NativeSelect label={t('locus.kind')} value={v.kind} onChange={set('kind')} error={err('kind')} data={entityKinds.map((k) => ({ value: k, label: t(`locus.kinds.${k}`) }))} miw={200} />
            <NativeSelect
              label={t('locus.province')}
              value={v.province_code}
              onChange={set('province_code')}
              error={err('province_code')}
              disabled={nationalKinds.includes(v.kind)}
              data={[{ value: '', label: t('locus.choose') }, ...(provinces.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))]}
              miw={200}
            />
          </Group>
          <Text size="sm" fw={600}>
            {t('locus.firstUnit')}
          </Text>
          <Group gap="sm" grow wrap="wrap" align="flex-start">
            <TextInput label={t('locus.unitCode')} value={v.unitCode} onChange={set('unitCode')} error={err('units[0].code')} required miw={160} />
            <TextInput label={t('locus.unitName')} value={v.unitName} onChange={set('unitName')} error={err('units[0].name')} required miw={200} />
            <TextInput label={t('locus.unitKind')} value={v.unitKind} onChange={set('unitKind')} error={err('units[0].kind')} miw={160} />
          </Group>
          {unplaced(create.error, entityFields) && <ProblemAlert error={create.error} />}
          {create.isSuccess && (
            <Text role="status" c="green.8">
              {t('locus.created')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={create.isPending} mih={44}>
              {t('locus.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PeriodLocusTab({ user }: { user: User }) {
  const { t } = useTranslation();
  const { periods, year, setYear } = useYear();
  const locus = useLocus(year);
  return (
    <Stack gap="lg">
      {periods.isError && <ProblemAlert error={periods.error} />}
      {periods.data && year !== undefined && <YearSelect periods={periods.data} year={year} onChange={setYear} />}
      {locus.isError && <ProblemAlert error={locus.error} onRetry={() => void locus.refetch()} />}
      {locus.isPending && year !== undefined && <LoadingState rows={4} />}
      {locus.data && locus.data.length === 0 && <EmptyState title={t('locus.emptyLocus', { year })} />}
      {locus.data && locus.data.length > 0 && year !== undefined && (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('locus.locusOf', { year })}>
          {locus.data.map((r) => (
            <LocusItem key={r.entity_id} row={r} year={year} canEdit={user.role === 'admin'} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** LocusItem is one entity of a period's locus; an admin marks it (not) assessed. */
function LocusItem({ row, year, canEdit }: { row: LocusRow; year: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: { assessed: boolean; not_assessed_reason?: string }) => api.patch(`/api/v1/periods/${year}/locus/${row.entity_id}`, body),
    onSuccess: () => {
      setEditing(false);
      setReason('');
      void qc.invalidateQueries({ queryKey: locusKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setLocal(t('locus.reasonRequired'));
    setLocal(undefined);
    save.mutate({ assessed: false, not_assessed_reason: reason.trim() });
  };
  return (
    <Paper component="li" p="sm" withBorder data-entity={row.name}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>{row.name}</Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('locus.unitCount', { count: row.units })}
            </Text>
            <Badge color={row.assessed ? 'navy' : 'gray'} variant="light">
              {row.assessed ? t('locus.assessed') : t('locus.notAssessed')}
            </Badge>
          </Group>
        </Group>
        {!row.assessed && row.not_assessed_reason && <Text size="sm">{t('locus.reasonShown', { reason: row.not_assessed_reason })}</Text>}
        {canEdit && !editing && (
          <Group gap="xs">
            {row.assessed ? (
              <Button variant="default" size="sm" mih={44} onClick={() => setEditing(true)}>
                {t('locus.markNotAssessed')}
              </Button>
            ) : (
              <Button variant="default" size="sm" mih={44} loading={save.isPending} onClick={() => save.mutate({ assessed: true })}>
                {t('locus.markAssessed')}
              </Button>
            )}
          </Group>
        )}
        {editing && (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <Textarea
                label={t('locus.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={local ?? serverError(save.error, 'not_assessed_reason', t)}
                autosize
                minRows={2}
                required
              />
              <Group gap="xs">
                <Button type="submit" size="sm" mih={44} loading={save.isPending}>
                  {t('locus.save')}
                </Button>
                <Button variant="subtle" size="sm" mih={44} onClick={() => setEditing(false)}>
                  {t('locus.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {unplaced(save.error, ['not_assessed_reason']) && <ProblemAlert error={save.error} />}
      </Stack>
    </Paper>
  );
}
