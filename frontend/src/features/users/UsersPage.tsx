import { Badge, Button, Container, Group, NativeSelect, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { roles, type Role } from '../../domain/types';
import { useEntities, useProvinces } from '../locus/api';
import { serverError, unplaced } from '../locus/serverErrors';
import type { User } from '../session/types';
import { scopeOf, useAccounts, usersKey, type Account } from './api';

const minPassword = 10;
const userFields = ['email', 'name', 'role', 'province_id', 'entity_id', 'password', 'active', 'new_password'];

/**
 * UsersPage is /admin/pengguna: every account with its role and scope; an
 * admin creates accounts, changes role and scope (a province for a
 * coordinator, one entity for an agency user), disables them and sets a
 * new password.
 */
export function UsersPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role | ''>('');
  const [q, setQ] = useState('');
  const list = useAccounts({ role: role || undefined, q: q.trim() || undefined });
  return (
    <Container py="xl">
      <PageHeader title={t('users.title')} description={t('users.intro')} />
      <Stack gap="lg">
        <NewUserForm />
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t('users.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role | '')}
            data={[{ value: '', label: t('users.allRoles') }, ...roles.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
            w={{ base: '100%', xs: 220 }}
          />
          <TextInput label={t('users.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: '100%', xs: 260 }} />
        </Group>
        {list.isError && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.isPending && <LoadingState rows={4} />}
        {list.data && list.data.items.length === 0 && <EmptyState title={t('users.none')} />}
        {list.data && list.data.items.length > 0 && (
          <>
            <Text size="sm" c="dimmed">
              {t('users.count', { shown: list.data.items.length, total: list.data.total })}
            </Text>
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('users.list')}>
              {list.data.items.map((a) => (
                <AccountRow key={a.id} account={a} self={a.id === user.id} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Container>
  );
}

/** ScopeFields asks for the scope a role needs: a province or an entity. */
function ScopeFields({ role, provinceId, entityId, onProvince, onEntity, errors }: {
  role: Role;
  provinceId: number;
  entityId: number;
  onProvince: (id: number) => void;
  onEntity: (id: number) => void;
  errors: { province?: string; entity?: string };
}) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const entities = useEntities({});
  if (role === 'coordinator')
    return (
      <NativeSelect
        label={t('users.province')}
        value={provinceId ? String(provinceId) : ''}
        onChange={(e) => onProvince(Number(e.currentTarget.value))}
        data={[{ value: '', label: t('users.choose') }, ...(provinces.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} · ${p.name}` }))]}
        error={errors.province}
        required
        miw={220}
      />
    );
  if (role === 'agency')
    return (
      <Select
        label={t('users.entity')}
        description={t('users.entityHint')}
        searchable
        value={entityId ? String(entityId) : null}
        onChange={(v) => onEntity(Number(v ?? 0))}
        data={(entities.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
        nothingFoundMessage={t('users.noEntity')}
        error={errors.entity}
        required
        miw={260}
      />
    );
  return null;
}

function NewUserForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const blank = { email: '', name: '', role: 'assessor' as Role, provinceId: 0, entityId: 0, password: '' };
  const [v, setV] = useState(blank);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () =>
      api.post('/api/v1/users', { email: v.email.trim(), name: v.name.trim(), role: v.role, password: v.password, ...scopeOf(v.role, v.provinceId, v.entityId) }),
    onSuccess: () => {
      setV(blank);
      void qc.invalidateQueries({ queryKey: usersKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) errs.email = t('validation.email');
    if (!v.name.trim()) errs.name = t('validation.required');
    if (v.role === 'coordinator' && !v.provinceId) errs.province_id = t('validation.required');
    if (v.role === 'agency' && !v.entityId) errs.entity_id = t('validation.required');
    if (v.password.length < minPassword) errs.password = t('users.passwordShort', { min: minPassword });
    setLocal(errs);
    if (Object.keys(errs).length === 0) create.mutate();
  };
  const err = (f: string) => local[f] ?? serverError(create.error, f, t);
  return (
    <Paper component="section" aria-labelledby="new-user" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-user">
            {t('users.create')}
          </Title>
          <Group gap="sm" grow wrap="wrap" align="flex-start">
            <TextInput label={t('users.email')} type="email" value={v.email} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} error={err('email')} required miw={220} />
            <TextInput label={t('users.name')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={err('name')} required miw={220} />
          </Group>
          <Group gap="sm" grow wrap="wrap" align="flex-start">
            <NativeSelect
              label={t('users.role')}
              value={v.role}
              onChange={(e) => setV({ ...v, role: e.currentTarget.value as Role })}
              data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              error={err('role')}
              miw={200}
            />
            <ScopeFields
              role={v.role}
              provinceId={v.provinceId}
              entityId={v.entityId}
              onProvince={(id) => setV({ ...v, provinceId: id })}
              onEntity={(id) => setV({ ...v, entityId: id })}
              errors={{ province: err('province_id'), entity: err('entity_id') }}
            />
          </Group>
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint', { min: minPassword })}
            value={v.password}
            onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
            error={err('password')}
            required
            autoComplete="new-password"
            maw={360}
          />
          {unplaced(create.error, userFields) && <ProblemAlert error={create.error} />}
          {create.isSuccess && (
            <Text role="status" c="green.8">
              {t('users.created')}
            </Text>
          )}
          <Group>
            <Button type="submit" mih={44} loading={create.isPending}>
              {t('users.createButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function AccountRow({ account, self }: { account: Account; self: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const provinces = useProvinces();
  const entities = useEntities({});
  const [mode, setMode] = useState<'view' | 'edit' | 'password'>('view');
  const [v, setV] = useState({ name: account.name, role: account.role, provinceId: account.province_id ?? 0, entityId: account.entity_id ?? 0 });
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const done = () => {
    setMode('view');
    void qc.invalidateQueries({ queryKey: usersKey });
  };
  const patch = useMutation({ mutationFn: (body: object) => api.patch(`/api/v1/users/${account.id}`, body), onSuccess: done });
  const reset = useMutation({ mutationFn: () => api.post(`/api/v1/users/${account.id}/password`, { new_password: password }), onSuccess: () => setMode('view') });
  const scope =
    account.role === 'coordinator'
      ? (provinces.data?.find((p) => p.id === account.province_id)?.name ?? account.province_code ?? '')
      : account.role === 'agency'
        ? (entities.data?.items.find((e) => e.id === account.entity_id)?.name ?? '')
        : '';
  const saveEdit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!v.name.trim()) errs.name = t('validation.required');
    if (v.role === 'coordinator' && !v.provinceId) errs.province_id = t('validation.required');
    if (v.role === 'agency' && !v.entityId) errs.entity_id = t('validation.required');
    setLocal(errs);
    if (Object.keys(errs).length === 0) patch.mutate({ name: v.name.trim(), role: v.role, ...scopeOf(v.role, v.provinceId, v.entityId) });
  };
  const savePassword = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < minPassword) return setLocal({ new_password: t('users.passwordShort', { min: minPassword }) });
    setLocal({});
    reset.mutate();
  };
  const err = (f: string) => local[f] ?? serverError(patch.error, f, t) ?? serverError(reset.error, f, t);
  return (
    <Paper component="li" withBorder p="sm" data-user={account.email}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600}>{account.name}</Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {account.email}
            </Text>
          </Stack>
          <Group gap="xs">
            <Badge variant="light" color="navy">
              {t(`role.${account.role}`)}
            </Badge>
            {!account.active && (
              <Badge variant="light" color="gray">
                {t('users.disabled')}
              </Badge>
            )}
          </Group>
        </Group>
        {scope && <Text size="sm">{t(account.role === 'coordinator' ? 'users.scopeProvince' : 'users.scopeEntity', { name: scope })}</Text>}
        {mode === 'view' && (
          <Group gap="xs">
            <Button size="sm" variant="default" mih={44} onClick={() => setMode('edit')}>
              {t('users.edit')}
            </Button>
            <Button size="sm" variant="default" mih={44} onClick={() => setMode('password')}>
              {t('users.resetPassword')}
            </Button>
            {!self && (
              <Button size="sm" variant="default" mih={44} loading={patch.isPending} onClick={() => patch.mutate({ active: !account.active })}>
                {account.active ? t('users.disable') : t('users.enable')}
              </Button>
            )}
          </Group>
        )}
        {mode === 'edit' && (
          <form onSubmit={saveEdit} noValidate>
            <Stack gap="xs">
              <Group gap="sm" grow wrap="wrap" align="flex-start">
                <TextInput label={t('users.name')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} error={err('name')} miw={200} />
                <NativeSelect
                  label={t('users.role')}
                  value={v.role}
                  onChange={(e) => setV({ ...v, role: e.currentTarget.value as Role })}
                  data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  error={err('role')}
                  miw={180}
                />
                <ScopeFields
                  role={v.role}
                  provinceId={v.provinceId}
                  entityId={v.entityId}
                  onProvince={(id) => setV({ ...v, provinceId: id })}
                  onEntity={(id) => setV({ ...v, entityId: id })}
                  errors={{ province: err('province_id'), entity: err('entity_id') }}
                />
              </Group>
              <Group gap="xs">
                <Button type="submit" size="sm" mih={44} loading={patch.isPending}>
                  {t('users.save')}
                </Button>
                <Button size="sm" variant="subtle" mih={44} onClick={() => setMode('view')}>
                  {t('users.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {mode === 'password' && (
          <form onSubmit={savePassword} noValidate>
            <Group align="flex-end" gap="xs" wrap="wrap">
              <PasswordInput
                label={t('users.newPassword')}
                description={t('users.passwordHint', { min: minPassword })}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={err('new_password')}
                autoComplete="new-password"
                style={{ flex: '1 1 14rem' }}
              />
              <Button type="submit" size="sm" mih={44} loading={reset.isPending}>
                {t('users.setPassword')}
              </Button>
              <Button size="sm" variant="subtle" mih={44} onClick={() => setMode('view')}>
                {t('users.cancel')}
              </Button>
            </Group>
          </form>
        )}
        {reset.isSuccess && mode === 'view' && (
          <Text size="sm" role="status" c="green.8">
            {t('users.passwordSet')}
          </Text>
        )}
        {unplaced(patch.error, userFields) && <ProblemAlert error={patch.error} />}
        {unplaced(reset.error, userFields) && <ProblemAlert error={reset.error} />}
        {serverError(patch.error, 'active', t) && <Text size="sm" c="red.8">{t('users.cannotDisableSelf')}</Text>}
      </Stack>
    </Paper>
  );
}
