import { Alert, Anchor, Badge, Button, Group, Image, List, NumberInput, Paper, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, type ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { formatDateTime } from '../questionnaire/format';
import { deleteContact, overrideSurvey, saveSurveyPlan, surveyKey, useFlags, useRespondents, type SurveyView } from './api';
import { fieldErrorsOf } from './text';

/** publicSurveyURL is the address a unit's QR code opens. */
export function publicSurveyURL(token: string): string {
  return `${window.location.origin}/survei/${token}`;
}

/** useQR draws a text as a QR code (a PNG data URL). */
export function useQR(text: string | null, width = 240): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!text) {
      setUrl(null);
      return;
    }
    QRCode.toDataURL(text, { width, margin: 1, errorCorrectionLevel: 'M' })
      .then((u) => live && setUrl(u))
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [text, width]);
  return url;
}

/** LinkPanel shows the unit's self-completion link and its QR code; coordinators and admins turn it on or off. */
export function LinkPanel({ view, manage }: { view: SurveyView; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const link = view.plan.link;
  const url = link ? publicSurveyURL(link.token) : null;
  const qr = useQR(url, 200);

  async function toggle(on: boolean) {
    setBusy(true);
    setError(null);
    try {
      const v = await saveSurveyPlan(view.unit_assessment_id, { version: view.plan.version, target: view.plan.target, quotas: view.plan.quotas, link: on });
      qc.setQueryData(surveyKey(view.unit_assessment_id), v);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!link && !manage) return null;
  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {t('survey.link.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('survey.link.about')}
        </Text>
        {manage && (
          <Switch
            label={t('survey.link.toggle')}
            checked={view.plan.has_link}
            disabled={busy}
            onChange={(e) => void toggle(e.currentTarget.checked)}
            size="md"
          />
        )}
        {error ? <ProblemAlert error={error} /> : null}
        {link && url && (
          <Group align="flex-start" gap="md" wrap="wrap">
            {qr && <Image src={qr} alt={t('survey.link.qrAlt')} w={160} h={160} />}
            <Stack gap={6} style={{ minWidth: 0, flex: '1 1 12rem' }}>
              <Text size="sm" style={{ wordBreak: 'break-all' }} data-testid="survey-link">
                {url}
              </Text>
              <Button component={Link} to={`/survei/unit/${view.unit_assessment_id}/poster`} variant="light" mih={44}>
                {t('survey.link.poster')}
              </Button>
            </Stack>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** PlanPanel lets coordinators and admins set the unit's own target and quotas per service product. */
export function PlanPanel({ view }: { view: SurveyView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [target, setTarget] = useState<string | number>(view.plan.target ?? '');
  const [quotas, setQuotas] = useState<Record<string, string | number>>(() => Object.fromEntries(view.plan.quotas.map((q) => [q.product, q.target])));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const fe = fieldErrorsOf(error?.errors ?? []);

  async function save() {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const qs = view.products.flatMap((p) => (quotas[p] !== undefined && quotas[p] !== '' ? [{ product: p, target: Number(quotas[p]) }] : []));
      const v = await saveSurveyPlan(view.unit_assessment_id, {
        version: view.plan.version,
        target: target === '' ? null : Number(target),
        quotas: qs,
        link: view.plan.has_link,
      });
      qc.setQueryData(surveyKey(view.unit_assessment_id), v);
      setSaved(true);
    } catch (err) {
      setError(isApiError(err) ? err : null);
      if (!isApiError(err)) throw err;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {t('survey.plan.title')}
        </Title>
        <NumberInput
          label={t('survey.plan.target')}
          description={t('survey.plan.targetHint', { target: view.progress.target })}
          value={target}
          onChange={setTarget}
          min={1}
          max={10000}
          allowDecimal={false}
          w={{ base: '100%', xs: 240 }}
          error={fe.target?.message}
        />
        {view.products.length > 0 && (
          <Stack gap={6}>
            <Text fw={600} size="sm">
              {t('survey.plan.quotas')}
            </Text>
            {view.products.map((p, i) => (
              <NumberInput
                key={p}
                label={p}
                value={quotas[p] ?? ''}
                onChange={(v) => setQuotas((q) => ({ ...q, [p]: v }))}
                min={1}
                max={10000}
                allowDecimal={false}
                w={{ base: '100%', xs: 240 }}
                error={fe[`quotas[${i}].target`]?.message ?? fe[`quotas[${i}].product`]?.message}
              />
            ))}
          </Stack>
        )}
        {error && !error.errors.length && <ProblemAlert error={error} />}
        <Group>
          <Button onClick={() => void save()} loading={busy} mih={44}>
            {t('survey.plan.save')}
          </Button>
          {saved && (
            <Text size="sm" c="teal.8" role="status">
              ✓ {t('survey.plan.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/**
 * OverridePanel: a unit below its target can be accepted only with a
 * coordinator's override and its reason (recorded in the audit log).
 */
export function OverridePanel({ view }: { view: SurveyView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const o = view.plan.override;
  const p = view.progress;
  if (!view.applies || (!p.below_target && !o)) return null;

  async function submit() {
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const v = await overrideSurvey(view.unit_assessment_id, reason.trim());
      qc.setQueryData(surveyKey(view.unit_assessment_id), v);
      setReason('');
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder data-testid="override-panel">
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {t('survey.override.title')}
        </Title>
        {o && (
          <Alert color="grape" variant="light" title={t('survey.override.given', { count: o.respondents, target: o.target })}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(o.at, f.lang)}
            </Text>
          </Alert>
        )}
        {p.below_target && view.state !== 'accepted' && (
          <>
            <Text size="sm">{t('survey.override.about', { count: p.respondents, target: p.target })}</Text>
            <Textarea
              label={t('survey.override.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={4000}
              error={missing ? t('survey.override.reasonRequired') : fieldErrorsOf(error?.errors ?? []).reason?.message}
            />
            {error && !error.errors.length && <ProblemAlert error={error} />}
            <Button onClick={() => void submit()} loading={busy} variant="light" color="grape" mih={44} w="fit-content">
              {o ? t('survey.override.replace') : t('survey.override.submit')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** FlagsPanel lists the quality flags: hints for the coordinator, never deletions. */
export function FlagsPanel({ view }: { view: SurveyView }) {
  const { t } = useTranslation();
  const id = useId();
  const flags = useFlags(view.unit_assessment_id, view.flags !== undefined);
  if (view.flags === undefined) return null;
  const counts = new Map<string, number>();
  for (const fl of flags.data ?? []) counts.set(fl.kind, (counts.get(fl.kind) ?? 0) + 1);
  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder data-testid="flags-panel">
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {t('survey.flags.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('survey.flags.about')}
        </Text>
        {flags.isError && <ProblemAlert error={flags.error} onRetry={() => void flags.refetch()} />}
        {flags.data && flags.data.length === 0 && <Text size="sm">✓ {t('survey.flags.none')}</Text>}
        {counts.size > 0 && (
          <Group gap="xs">
            {[...counts].map(([k, n]) => (
              <Badge key={k} color="orange" variant="light" size="lg">
                {t(`survey.flags.kind.${k}`, { defaultValue: k })}: {n}
              </Badge>
            ))}
          </Group>
        )}
        {flags.data && flags.data.length > 0 && (
          <List size="sm" spacing={4}>
            {flags.data.slice(0, 50).map((fl, i) => (
              <List.Item key={i}>
                <Text span fw={600}>
                  {t(`survey.flags.kind.${fl.kind}`, { defaultValue: fl.kind })}
                </Text>
                {fl.respondent_id ? ` · ${t('survey.flags.respondent', { id: fl.respondent_id })}` : ''} — {fl.detail}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

/** RespondentsPanel lists the respondents; contact details only reach coordinators and admins, who can delete them. */
export function RespondentsPanel({ view, manage }: { view: SurveyView; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const rs = useRespondents(view.unit_assessment_id, open);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.resolvedLanguage ?? 'id';

  async function remove(rid: number) {
    setError(null);
    try {
      await deleteContact(view.unit_assessment_id, rid);
      await qc.invalidateQueries({ queryKey: [...surveyKey(view.unit_assessment_id), 'respondents'] });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Paper component="section" aria-labelledby={id} p="md" withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id={id}>
            {t('survey.respondents.title')}
          </Title>
          <Button variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open} mih={44}>
            {open ? t('survey.respondents.hide') : t('survey.respondents.show', { count: view.progress.respondents })}
          </Button>
        </Group>
        {open && rs.isError && <ProblemAlert error={rs.error} onRetry={() => void rs.refetch()} />}
        {error ? <ProblemAlert error={error} /> : null}
        {open && rs.data && (
          <Table.ScrollContainer minWidth={320}>
            <Table fz="sm" verticalSpacing={4} aria-labelledby={id}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('survey.respondents.when')}</Table.Th>
                  <Table.Th>{t('survey.progress.product')}</Table.Th>
                  <Table.Th>{t('survey.respondents.comment')}</Table.Th>
                  {manage && <Table.Th>{t('survey.respondents.contact')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rs.data.map((r, i) => (
                  <Table.Tr key={r.id}>
                    <Table.Td className="p4-tabular">{i + 1}</Table.Td>
                    <Table.Td>
                      {formatDateTime(r.collected_at, lang)}
                      {r.self_completed && (
                        <Badge ml={4} size="xs" variant="outline">
                          {t('survey.respondents.self')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{r.product || '—'}</Table.Td>
                    <Table.Td>{r.comment || '—'}</Table.Td>
                    {manage && (
                      <Table.Td>
                        {r.contact ? (
                          <Stack gap={2}>
                            <Text size="sm">{[r.contact.name, r.contact.phone].filter(Boolean).join(' · ')}</Text>
                            <Anchor component="button" type="button" size="sm" c="red.8" onClick={() => void remove(r.id)}>
                              {t('survey.respondents.deleteContact')}
                            </Anchor>
                          </Stack>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {open && !manage && (
          <Text size="xs" c="dimmed">
            {t('survey.respondents.noContacts')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
