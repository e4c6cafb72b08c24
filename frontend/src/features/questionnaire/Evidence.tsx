import { Alert, Anchor, Box, Button, CloseButton, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { IconCamera, IconFile, IconPaperclip } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { formatDateTime } from './format';
import { evidenceURL, uploadEvidence } from './api';
import type { Evidence } from './types';

/** maxEvidenceBytes is the server's limit: 20 MiB. */
export const maxEvidenceBytes = 20 * 1024 * 1024;

/** evidenceTypes are the media types the server accepts (it checks the bytes again). */
export const evidenceTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const evidenceExtensions = ['.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif', '.pdf', '.docx', '.xlsx'];

/** evidenceAccept is the file picker's filter. */
export const evidenceAccept = [...evidenceExtensions, ...evidenceTypes].join(',');

/** EvidenceProblem is why a file is refused before it is sent. */
export type EvidenceProblem = 'too_large' | 'unsupported_type' | 'empty';

/**
 * checkEvidenceFile applies the server's rules before anything is sent:
 * at most 20 MiB, a photo, a PDF, or a Word or Excel document. Phones
 * sometimes give no media type (HEIC), so the name's extension also counts.
 */
export function checkEvidenceFile(f: Pick<File, 'name' | 'size' | 'type'>): EvidenceProblem | null {
  if (f.size === 0) return 'empty';
  if (f.size > maxEvidenceBytes) return 'too_large';
  const ext = f.name.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? '';
  if (!evidenceTypes.includes(f.type) && !evidenceExtensions.includes(ext)) return 'unsupported_type';
  return null;
}

/** formatBytes writes a file size in the locale: "1,5 MB". */
export function formatBytes(n: number, number: (v: number, o?: Intl.NumberFormatOptions) => string): string {
  if (n < 1024) return `${number(n)} B`;
  if (n < 1024 * 1024) return `${number(n / 1024, { maximumFractionDigits: 0 })} KB`;
  return `${number(n / (1024 * 1024), { maximumFractionDigits: 1 })} MB`;
}

/**
 * EvidenceList shows the files attached to an indicator, images as
 * thumbnails, each with a download link and who uploaded it. With onDelete
 * (the unit's assessor, while it is editable) each file also has a remove
 * button that asks for confirmation first.
 */
export function EvidenceList({ files, onDelete }: { files: readonly Evidence[]; onDelete?: (e: Evidence) => Promise<void> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [confirm, setConfirm] = useState<Evidence | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (files.length === 0) return null;
  const remove = async () => {
    if (!confirm || !onDelete) return;
    setBusy(true);
    setError(null);
    try {
      await onDelete(confirm);
      setConfirm(null);
    } catch (err) {
      setError(isApiError(err) && err.isNetwork ? t('evidence.offline') : isApiError(err) && err.detail ? err.detail : t('evidence.deleteFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('evidence.listLabel')}>
        {files.map((e) => (
          <Group key={e.id} component="li" gap="sm" wrap="nowrap" align="center">
            <Thumb src={e.media_type.startsWith('image/') && !/hei[cf]/.test(e.media_type) ? evidenceURL(e.id) : undefined} />
            <Box style={{ minWidth: 0, flex: 1 }}>
              <Anchor href={evidenceURL(e.id)} download={e.original_name} style={{ overflowWrap: 'anywhere' }}>
                {e.original_name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatBytes(e.size, f.number)} · {e.uploaded_by_name ? `${e.uploaded_by_name} · ` : ''}
                {formatDateTime(e.uploaded_at, f.lang)}
              </Text>
            </Box>
            {onDelete && (
              <Button variant="subtle" color="red" size="compact-sm" mih={44} aria-label={t('evidence.deleteNamed', { name: e.original_name })} onClick={() => setConfirm(e)}>
                {t('evidence.delete')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {onDelete && (
        <Modal opened={confirm !== null} onClose={() => (busy ? undefined : setConfirm(null))} title={t('evidence.deleteTitle')} centered>
          <Stack gap="md">
            <Text>{t('evidence.deleteBody', { name: confirm?.original_name ?? '' })}</Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)} disabled={busy}>
                {t('evidence.deleteCancel')}
              </Button>
              <Button color="red" onClick={() => void remove()} loading={busy}>
                {t('evidence.deleteConfirm')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

function Thumb({ src }: { src?: string }) {
  if (src) {
    return <Image src={src} alt="" w={56} h={56} fit="cover" radius="sm" style={{ flex: 'none', border: '1px solid var(--mantine-color-slate-2)' }} />;
  }
  return (
    <Box
      aria-hidden="true"
      w={56}
      h={56}
      style={{ flex: 'none', display: 'grid', placeItems: 'center', borderRadius: 4, background: 'var(--mantine-color-slate-1)', color: 'var(--mantine-color-slate-7)' }}
    >
      <IconFile size={24} />
    </Box>
  );
}

interface Picked {
  key: string;
  file: File;
  url?: string;
  problem: EvidenceProblem | null;
  state: 'ready' | 'uploading' | 'failed';
  error?: string;
}

function subscribeOnline(fn: () => void) {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
}

/** useOnline follows the browser's idea of being online. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/**
 * EvidenceUpload takes photos (the phone's rear camera) and documents for
 * one indicator: each file is checked (type, 20 MiB) and previewed before
 * the user sends it. Files are never kept on the device: an upload needs a
 * connection.
 */
export function EvidenceUpload({ unit, indicator, onUploaded }: { unit: number; indicator: string; onUploaded: (e: Evidence) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const online = useOnline();
  const [picked, setPicked] = useState<Picked[]>([]);
  const camera = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const id = useId();
  const urls = useRef(new Set<string>());

  useEffect(() => {
    const set = urls.current;
    return () => {
      for (const u of set) URL.revokeObjectURL(u);
    };
  }, []);

  const add = (list: FileList | null) => {
    if (!list) return;
    const next: Picked[] = [];
    for (const file of Array.from(list)) {
      const problem = checkEvidenceFile(file);
      let url: string | undefined;
      if (!problem && file.type.startsWith('image/') && typeof URL.createObjectURL === 'function') {
        url = URL.createObjectURL(file);
        urls.current.add(url);
      }
      next.push({ key: `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`, file, url, problem, state: 'ready' });
    }
    setPicked((p) => [...p, ...next]);
  };

  const remove = (key: string) => {
    setPicked((p) => {
      const it = p.find((x) => x.key === key);
      if (it?.url) {
        URL.revokeObjectURL(it.url);
        urls.current.delete(it.url);
      }
      return p.filter((x) => x.key !== key);
    });
  };

  const ready = picked.filter((p) => !p.problem && p.state !== 'uploading');
  const busy = picked.some((p) => p.state === 'uploading');

  const upload = async () => {
    for (const p of ready) {
      setPicked((all) => all.map((x) => (x.key === p.key ? { ...x, state: 'uploading', error: undefined } : x)));
      try {
        const ev = await uploadEvidence(unit, indicator, p.file);
        onUploaded(ev);
        remove(p.key);
      } catch (err) {
        let msg = t('evidence.failed');
        if (isApiError(err)) {
          const code = err.errors[0]?.code;
          if (err.isNetwork) msg = t('evidence.offline');
          else if (code && ['too_large', 'unsupported_type', 'empty'].includes(code)) msg = t(`evidence.problem.${code as EvidenceProblem}`);
          else if (err.detail) msg = err.detail;
        }
        setPicked((all) => all.map((x) => (x.key === p.key ? { ...x, state: 'failed', error: msg } : x)));
      }
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <input
          ref={camera}
          id={`${id}-camera`}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={files}
          id={`${id}-files`}
          type="file"
          accept={evidenceAccept}
          multiple
          hidden
          aria-label={t('evidence.chooseFiles')}
          data-testid={`evidence-input-${indicator}`}
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <Button variant="default" leftSection={<IconCamera size={18} />} onClick={() => camera.current?.click()}>
          {t('evidence.takePhoto')}
        </Button>
        <Button variant="default" leftSection={<IconPaperclip size={18} />} onClick={() => files.current?.click()}>
          {t('evidence.chooseFiles')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('evidence.rules', { size: formatBytes(maxEvidenceBytes, f.number) })}
      </Text>
      {picked.length > 0 && (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('evidence.pickedLabel')}>
          {picked.map((p) => (
            <Group key={p.key} component="li" gap="sm" wrap="nowrap" align="center">
              <Thumb src={p.url} />
              <Box style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {p.file.name}
                </Text>
                <Text size="xs" c={p.problem || p.error ? 'red.9' : 'dimmed'} role={p.problem || p.error ? 'alert' : undefined}>
                  {p.problem
                    ? t(`evidence.problem.${p.problem}`, { size: formatBytes(maxEvidenceBytes, f.number) })
                    : p.error
                      ? p.error
                      : p.state === 'uploading'
                        ? t('evidence.uploading')
                        : `${formatBytes(p.file.size, f.number)} · ${t('evidence.ready')}`}
                </Text>
              </Box>
              <CloseButton
                size={44}
                aria-label={t('evidence.remove', { name: p.file.name })}
                disabled={p.state === 'uploading'}
                onClick={() => remove(p.key)}
              />
            </Group>
          ))}
        </Stack>
      )}
      {ready.length > 0 && (
        <Group gap="xs">
          <Button onClick={() => void upload()} loading={busy} disabled={!online}>
            {t('evidence.upload', { count: ready.length })}
          </Button>
          {!online && (
            <Text size="sm" c="grape.9">
              {t('evidence.needsConnection')}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
