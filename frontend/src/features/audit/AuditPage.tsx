import { Button, Code, Container, Group, NativeSelect, Paper, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useEntities } from '../locus/api';
import type { User } from '../session/types';
import { useAccounts, useAssessors } from '../users/api';
import { usePeriods } from '../work/api';
import { auditActions, describeValue, pageSize, useAudit, type AuditEntry } from './api';

/**
 * AuditPage is /admin/audit: the audit log filtered by entity, user,
 * period and action; each row says who changed what, when, from which
 * value to which, and why. Coordinators see their province's rows.
 */
export function AuditPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const num = (k: string) => Number(params.get(k)) || undefined;
  const q = { entityId: num('entitas'), userId: num('pengguna'), year: num('tahun'), action: params.get('aksi') ?? undefined, offset: num('mulai') ?? 0 };
  const set = (k: string, v: string | number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === undefined || v === '' || v === 0) next.delete(k);
        else next.set(k, String(v));
        if (k !== 'mulai') next.delete('mulai');
        return next;
      },
      { replace: true },
    );
  const admin = user.role === 'admin';
  const periods = usePeriods();
  const entities = useEntities({ province: user.role === 'coordinator' ? (user.province_code ?? undefined) : undefined });
  // Admins may list every account, a coordinator the assessors; leadership filters by entity, period and action.
  const everyone = useAccounts({ offset: 0 }, admin);
  const assessors = useAssessors(user.role === 'coordinator');
  const people = admin ? (everyone.data?.items ?? []) : (assessors.data ?? []);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const audit = useAudit(q);
  const data = audit.data;
  return (
    <Container py="xl">
      <PageHeader title={t('audit.title')} description={user.role === 'coordinator' ? t('audit.introCoordinator') : t('audit.intro')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select
            label={t('audit.entity')}
            searchable
            clearable
            value={q.entityId ? String(q.entityId) : null}
            onChange={(v) => set('entitas', v ?? undefined)}
            data={(entities.data?.items ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
            placeholder={t('audit.all')}
            w={{ base: '100%', xs: 260 }}
          />
          {people.length > 0 && (
            <Select
              label={t('audit.user')}
              searchable
              clearable
              value={q.userId ? String(q.userId) : null}
              onChange={(v) => set('pengguna', v ?? undefined)}
              data={people.map((p) => ({ value: String(p.id), label: p.name }))}
              placeholder={t('audit.all')}
              w={{ base: '100%', xs: 240 }}
            />
          )}
          <NativeSelect
            label={t('audit.year')}
            value={q.year ? String(q.year) : ''}
            onChange={(e) => set('tahun', e.currentTarget.value)}
            data={[{ value: '', label: t('audit.all') }, ...(periods.data ?? []).map((p) => ({ value: String(p.year), label: String(p.year) }))]}
            w={{ base: '100%', xs: 140 }}
          />
          <NativeSelect
            label={t('audit.action')}
            value={q.action ?? ''}
            onChange={(e) => set('aksi', e.currentTarget.value)}
            data={[{ value: '', label: t('audit.all') }, ...auditActions.map((a) => ({ value: a, label: t(`audit.actions.${a}` as 'audit.actions.answer.save', { defaultValue: a }) }))]}
            w={{ base: '100%', xs: 260 }}
          />
        </Group>
        {audit.isError && <ProblemAlert error={audit.error} onRetry={() => void audit.refetch()} />}
        {audit.isPending && <LoadingState rows={5} />}
        {data && data.items.length === 0 && <EmptyState title={t('audit.none')} />}
        {data && data.items.length > 0 && (
          <>
            <Text size="sm" c="dimmed" role="status">
              {t('audit.range', { from: data.offset + 1, to: data.offset + data.items.length, total: data.total })}
            </Text>
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('audit.list')}>
              {data.items.map((e) => (
                <AuditRow key={e.id} entry={e} userName={(id) => names.get(id)} />
              ))}
            </Stack>
            <Group gap="sm">
              <Button variant="default" mih={44} disabled={data.offset === 0} onClick={() => set('mulai', Math.max(0, data.offset - pageSize))}>
                {t('audit.previous')}
              </Button>
              <Button variant="default" mih={44} disabled={data.offset + data.items.length >= data.total} onClick={() => set('mulai', data.offset + pageSize)}>
                {t('audit.next')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Container>
  );
}

/** AuditRow is one change: when, who, what (by name), old and new value, and the reason. */
export function AuditRow({ entry, userName }: { entry: AuditEntry; userName: (id: number) => string | undefined }) {
  const { t, i18n } = useTranslation();
  const at = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(new Date(entry.at));
  const oldLines = describeValue(entry.old, userName);
  const newLines = describeValue(entry.new, userName);
  return (
    <Paper component="li" withBorder p="sm" data-action={entry.action}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600}>{t(`audit.actions.${entry.action}` as 'audit.actions.answer.save', { defaultValue: entry.action })}</Text>
          <Text size="sm" c="dimmed">
            {t('audit.at', { at })}
          </Text>
        </Group>
        <Text size="sm">
          {t('audit.by', { actor: entry.actor })}
          {entry.entity && ` · ${entry.entity}`}
          {entry.year ? ` · ${entry.year}` : ''}
        </Text>
        {(oldLines.length > 0 || newLines.length > 0) && (
          <Group gap="md" align="flex-start" wrap="wrap">
            {oldLines.length > 0 && (
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                <Text size="xs" fw={600}>
                  {t('audit.old')}
                </Text>
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {oldLines.join('\n')}
                </Code>
              </Stack>
            )}
            {newLines.length > 0 && (
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                <Text size="xs" fw={600}>
                  {t('audit.new')}
                </Text>
                <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {newLines.join('\n')}
                </Code>
              </Stack>
            )}
          </Group>
        )}
        {entry.reason && <Text size="sm">{t('audit.reason', { reason: entry.reason })}</Text>}
      </Stack>
    </Paper>
  );
}
