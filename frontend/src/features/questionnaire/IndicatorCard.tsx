import { Alert, Badge, Box, Button, Collapse, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlertCircle, IconMessage } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import type { AnswerSync } from './answerSync';
import { ConflictPanel } from './ConflictPanel';
import { EvidenceList, EvidenceUpload } from './Evidence';
import { formatDateTime } from './format';
import { LevelChoice } from './LevelChoice';
import { indicatorAnchor, type IndicatorView } from './method';
import { SaveStatus } from './SaveStatus';
import type { Evidence, ReviewComment } from './types';
import { useEntry } from './useAnswerSync';

/** maxNoteLength is the server's limit for notes and reasons. */
export const maxNoteLength = 4000;

/** IndicatorCardProps: one indicator of the questionnaire and what surrounds it. */
export interface IndicatorCardProps {
  sync: AnswerSync;
  indicator: IndicatorView;
  unit: number;
  me: number;
  evidence: readonly Evidence[];
  comments: readonly ReviewComment[];
  readOnly: boolean;
  /** Marked after a submit check found it unanswered. */
  missing: boolean;
  onUploaded: (e: Evidence) => void;
  /** Removes a file (the server refuses unless the unit is editable by this user). */
  onDeleteEvidence?: (e: Evidence) => Promise<void>;
}

/**
 * IndicatorCard is one question: the question and its guidance, the levels
 * as radio cards, N/A with its required reason where the method allows it,
 * the assessor's note, evidence, the reviewer's comments, and where the
 * answer stands (Tersimpan, Menyimpan…, Offline — akan dikirim, Konflik).
 */
export const IndicatorCard = memo(function IndicatorCard({
  sync,
  indicator: ind,
  unit,
  me,
  evidence,
  comments,
  readOnly,
  missing,
  onUploaded,
  onDeleteEvidence,
}: IndicatorCardProps) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const entry = useEntry(sync, ind.code);
  const [guideOpen, setGuideOpen] = useState(false);
  const id = useId();
  const titleId = `${id}-title`;
  const guideId = `${id}-guide`;
  const v = entry.value;
  const answered = v.value !== null || v.na;
  const fieldError = (field: string) => {
    const e = entry.errors?.find((x) => x.field === field);
    if (!e) return undefined;
    return i18n.exists(`validation.${e.code}`) ? t(`validation.${e.code}` as 'validation.invalid') : e.message;
  };
  const reasonMissing = v.na && v.na_reason.trim() === '';
  const idText = i18n.language === 'en' ? 'id' : undefined;

  return (
    <Paper
      component="section"
      id={indicatorAnchor(ind.code)}
      aria-labelledby={titleId}
      tabIndex={-1}
      data-indicator={ind.code}
      data-status={entry.status}
      p={{ base: 'sm', sm: 'lg' }}
      style={{
        scrollMarginTop: 140,
        borderColor: missing && !answered ? 'var(--mantine-color-red-8)' : entry.status === 'conflict' ? 'var(--mantine-color-red-8)' : undefined,
        borderWidth: missing && !answered ? 2 : undefined,
      }}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Title order={4} id={titleId} style={{ flex: '1 1 16rem', minWidth: 0, overflowWrap: 'anywhere' }}>
            <Text span ff="monospace" fw={700} c="navy.7" mr={8}>
              {ind.code}
            </Text>{' '}
            <span lang={ind.untranslated.name ? idText : undefined}>{ind.name}</span>
          </Title>
          {readOnly ? (
            answered ? null : <SaveStatus status="empty" />
          ) : (
            <SaveStatus status={entry.status === 'empty' ? 'empty' : entry.status} />
          )}
        </Group>

        {comments.map((c) => (
          <Alert key={c.id} color="grape" variant="light" icon={<IconMessage size={20} />} title={t('questionnaire.reviewerComment')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.body}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {c.author_name ? `${c.author_name} · ` : ''}
              {formatDateTime(c.created_at, f.lang)}
            </Text>
          </Alert>
        ))}

        <Text size="md" lang={ind.untranslated.question ? idText : undefined}>
          {ind.question}
        </Text>
        <Group gap="xs" wrap="wrap">
          {ind.source && (
            <Badge variant="outline" color="slate" tt="none" fw={500} size="lg" radius="sm">
              {t(`source.${ind.source}` as 'source.interview', { defaultValue: ind.source })}
            </Badge>
          )}
          {ind.naAllowed && (
            <Badge variant="outline" color="slate" tt="none" fw={500} size="lg" radius="sm">
              {t('questionnaire.naAllowed')}
            </Badge>
          )}
        </Group>
        {(ind.guidance || ind.evidence) && (
          <Box>
            <Button
              variant="subtle"
              px={4}
              aria-expanded={guideOpen}
              aria-controls={guideId}
              onClick={() => setGuideOpen((o) => !o)}
            >
              {guideOpen ? t('questionnaire.hideGuidance') : t('questionnaire.showGuidance')}
            </Button>
            <Collapse expanded={guideOpen} id={guideId}>
              <Stack gap={6} p="sm" bg="slate.0" style={{ borderRadius: 4 }}>
                {ind.guidance && (
                  <Text size="sm" lang={idText}>
                    {ind.guidance}
                  </Text>
                )}
                {ind.evidence && (
                  <Text size="sm">
                    <strong>{t('questionnaire.evidenceNeeded')}</strong> <span lang={idText}>{ind.evidence}</span>
                  </Text>
                )}
              </Stack>
            </Collapse>
          </Box>
        )}

        {missing && !answered && (
          <Text size="sm" c="red.9" fw={600} role="alert">
            {t('questionnaire.missingHere')}
          </Text>
        )}

        <LevelChoice
          code={ind.code}
          legend={t('questionnaire.answerFor', { code: ind.code })}
          levels={ind.levels}
          value={v.value}
          na={v.na}
          naAllowed={ind.naAllowed}
          disabled={readOnly}
          levelsLang={ind.untranslated.levels ? idText : undefined}
          onChange={(c) => sync.edit(ind.code, 'na' in c ? { na: true } : { value: c.value })}
        />

        {v.na && (
          <Textarea
            label={t('questionnaire.naReason')}
            description={t('questionnaire.naReasonHint')}
            withAsterisk
            required
            autosize
            minRows={2}
            maxLength={maxNoteLength}
            readOnly={readOnly}
            value={v.na_reason}
            error={(reasonMissing && !readOnly ? t('questionnaire.naReasonRequired') : undefined) ?? fieldError('na_reason')}
            onChange={(e) => sync.edit(ind.code, { na_reason: e.currentTarget.value }, 'debounce')}
          />
        )}
        <Textarea
          label={t('questionnaire.note')}
          description={readOnly ? undefined : t('questionnaire.noteHint')}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={maxNoteLength}
          readOnly={readOnly}
          value={v.note}
          error={fieldError('note')}
          onChange={(e) => sync.edit(ind.code, { note: e.currentTarget.value }, 'debounce')}
        />
        {entry.status === 'rejected' && !entry.errors?.some((e) => e.field === 'note' || e.field === 'na_reason') && (
          <Alert color="red" icon={<IconAlertCircle size={20} />} title={t('save.rejected')}>
            {(entry.errors ?? []).map((e) => (
              <Text key={`${e.field}:${e.code}`} size="sm">
                {i18n.exists(`validation.${e.code}`) ? t(`validation.${e.code}` as 'validation.invalid') : e.message}
              </Text>
            ))}
          </Alert>
        )}

        {entry.status === 'conflict' && (
          <ConflictPanel
            mine={v}
            theirs={entry.theirs ?? null}
            levels={ind.levels}
            me={me}
            onKeepMine={() => sync.keepMine(ind.code)}
            onTakeTheirs={() => sync.takeTheirs(ind.code)}
          />
        )}

        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('evidence.title', { count: evidence.length })}
          </Text>
          <EvidenceList files={evidence} onDelete={readOnly ? undefined : onDeleteEvidence} />
          {!readOnly && <EvidenceUpload unit={unit} indicator={ind.code} onUploaded={onUploaded} />}
        </Stack>
      </Stack>
    </Paper>
  );
});
