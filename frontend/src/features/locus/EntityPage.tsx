import { Anchor, Badge, Button, Container, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { User } from '../session/types';
import { entitiesKey, useEntity, type Entity, type Unit } from './api';
import { serverError, unplaced } from './serverErrors';

/**
 * EntityPage is /admin/lokus/:id: an entity with its service units. An
 * admin renames and (de)activates the entity and its units and adds units;
 * deactivating never deletes, it keeps the entity out of new periods.
 */
export function EntityPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const entity = useEntity(id);
  const admin = user.role === 'admin';
  const e = entity.data;
  // A coordinator manages their own province only.
  const outside = e !== undefined && user.role === 'coordinator' && e.province_code !== user.province_code;
  return (
    <Container py="xl">
      <Anchor component={Link} to="/admin/lokus" size="sm">
        {t('locus.back')}
      </Anchor>
      {entity.isError && <ProblemAlert error={entity.error} onRetry={() => void entity.refetch()} />}
      {entity.isPending && <LoadingState rows={4} />}
      {outside && <EmptyState headingOrder={1} title={t('problem.title.forbidden')} description={t('locus.otherProvince')} />}
      {e && !outside && (
        <>
          <PageHeader title={e.name} description={`${t(`locus.kinds.${e.kind}` as 'locus.kinds.pemkab', { defaultValue: e.kind })} · ${e.code}${e.province_code ? ` · ${t('locus.provinceCode', { code: e.province_code })}` : ''}`} />
          <Stack gap="lg">
            {admin && <EntityForm entity={e} />}
            <UnitsTable entity={e} canEdit={admin} />
            {admin && <NewUnitForm entityId={e.id} />}
          </Stack>
        </>
      )}
    </Container>
  );
}

function EntityForm({ entity }: { entity: Entity }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(entity.name);
  const [local, setLocal] = useState<string | undefined>();
  const patch = useMutation({
    mutationFn: (body: { name?: string; active?: boolean }) => api.patch(`/api/v1/entities/${entity.id}`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: entitiesKey }),
  });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!name.trim()) return setLocal(t('validation.required'));
    setLocal(undefined);
    patch.mutate({ name: name.trim() });
  };
  return (
    <Paper p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput label={t('locus.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local ?? serverError(patch.error, 'name', t)} style={{ flex: '1 1 16rem' }} />
            <Button type="submit" mih={44} loading={patch.isPending && patch.variables?.name !== undefined}>
              {t('locus.save')}
            </Button>
          </Group>
          <Group gap="sm" wrap="wrap">
            <Badge color={entity.active ? 'green' : 'gray'} variant="light">
              {entity.active ? t('locus.active') : t('locus.inactive')}
            </Badge>
            <Button variant="default" mih={44} onClick={() => patch.mutate({ active: !entity.active })} loading={patch.isPending && patch.variables?.active !== undefined}>
              {entity.active ? t('locus.deactivate') : t('locus.activate')}
            </Button>
          </Group>
          {!entity.active && (
            <Text size="sm" c="dimmed">
              {t('locus.inactiveHint')}
            </Text>
          )}
          {unplaced(patch.error, ['name']) && <ProblemAlert error={patch.error} />}
        </Stack>
      </form>
    </Paper>
  );
}

function UnitsTable({ entity, canEdit }: { entity: Entity; canEdit: boolean }) {
  const { t } = useTranslation();
  const units = entity.units ?? [];
  return (
    <Paper component="section" aria-labelledby="units-title" p={{ base: 'sm', sm: 'lg' }}>
      <Title order={2} size="h3" id="units-title" mb="sm">
        {t('locus.unitsTitle', { count: units.length })}
      </Title>
      {units.length === 0 ? (
        <EmptyState title={t('locus.noUnits')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {units.map((u) => (
            <UnitRow key={u.id} unit={u} canEdit={canEdit} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function UnitRow({ unit, canEdit }: { unit: Unit; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(unit.name);
  const [editing, setEditing] = useState(false);
  const patch = useMutation({
    mutationFn: (body: { name?: string; active?: boolean }) => api.patch(`/api/v1/entities/${unit.entity_id}/units/${unit.id}`, body),
    onSuccess: () => {
      setEditing(false);
      void qc.invalidateQueries({ queryKey: entitiesKey });
    },
  });
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {unit.name}
            </Text>
            <Text size="sm" c="dimmed">
              {unit.code} · {unit.kind}
            </Text>
          </Stack>
          <Badge color={unit.active ? 'green' : 'gray'} variant="light">
            {unit.active ? t('locus.active') : t('locus.inactive')}
          </Badge>
        </Group>
        {canEdit && !editing && (
          <Group gap="xs">
            <Button size="sm" variant="default" mih={44} onClick={() => setEditing(true)}>
              {t('locus.rename')}
            </Button>
            <Button size="sm" variant="default" mih={44} loading={patch.isPending} onClick={() => patch.mutate({ active: !unit.active })}>
              {unit.active ? t('locus.deactivate') : t('locus.activate')}
            </Button>
          </Group>
        )}
        {editing && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) patch.mutate({ name: name.trim() });
            }}
            noValidate
          >
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={t('locus.unitName')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={!name.trim() ? t('validation.required') : serverError(patch.error, 'name', t)}
                style={{ flex: '1 1 14rem' }}
              />
              <Button type="submit" size="sm" mih={44} loading={patch.isPending}>
                {t('locus.save')}
              </Button>
              <Button size="sm" variant="subtle" mih={44} onClick={() => setEditing(false)}>
                {t('locus.cancel')}
              </Button>
            </Group>
          </form>
        )}
        {unplaced(patch.error, ['name']) && <ProblemAlert error={patch.error} />}
      </Stack>
    </Paper>
  );
}

const unitFields = ['code', 'name', 'kind'];

function NewUnitForm({ entityId }: { entityId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const blank = { code: '', name: '', kind: '' };
  const [v, setV] = useState(blank);
  const [local, setLocal] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => api.post(`/api/v1/entities/${entityId}/units`, { code: v.code.trim(), name: v.name.trim(), kind: v.kind.trim() || v.code.trim() }),
    onSuccess: () => {
      setV(blank);
      void qc.invalidateQueries({ queryKey: entitiesKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!v.code.trim()) errs.code = t('validation.required');
    if (!v.name.trim()) errs.name = t('validation.required');
    setLocal(errs);
    if (Object.keys(errs).length === 0) add.mutate();
  };
  const err = (f: string) => local[f] ?? serverError(add.error, f, t);
  return (
    <Paper component="section" aria-labelledby="new-unit" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-unit">
            {t('locus.newUnit')}
          </Title>
          <Group gap="sm" grow wrap="wrap" align="flex-start">
            <TextInput label={t('locus.unitCode')} value={v.code} onChange={(e) => setV({ ...v, code: e.currentTarget.value })} error={err('code')} required miw={160} />
            <TextInput label={t('locus.unitName')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={err('name')} required miw={200} />
            <TextInput label={t('locus.unitKind')} value={v.kind} onChange={(e) => setV({ ...v, kind: e.currentTarget.value })} error={err('kind')} miw={160} />
          </Group>
          {unplaced(add.error, unitFields) && <ProblemAlert error={add.error} />}
          <Group>
            <Button type="submit" mih={44} loading={add.isPending}>
              {t('locus.addUnit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
