import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUI } from '../../test/render';
import { auditEntrySchema, auditPath, describeValue } from './api';
import { AuditRow } from './AuditPage';

const names = new Map([[3, 'Dewi Lestari']]);

describe('audit', () => {
  it('builds the filter URL', () => {
    expect(auditPath({ entityId: 5, userId: 3, year: 2023, action: 'assignment.add', offset: 50 })).toBe(
      '/api/v1/audit?limit=50&offset=50&entity_id=5&user_id=3&year=2023&action=assignment.add',
    );
    expect(auditPath({ offset: 0 })).toBe('/api/v1/audit?limit=50&offset=0');
  });

  it('names users in values and keeps other values as they are', () => {
    expect(describeValue({ user_id: 3, value: 2, note: 'ok' }, (id) => names.get(id))).toEqual(['user_id: Dewi Lestari', 'value: 2', 'note: ok']);
    expect(describeValue({ user_id: 8 }, (id) => names.get(id))).toEqual(['user_id: 8']);
    expect(describeValue(null, () => undefined)).toEqual([]);
  });

  it('shows what changed, by whom, about which entity and year, old and new value, and why', () => {
    const entry = auditEntrySchema.parse({
      id: 7, at: '2023-08-01T03:00:00Z', actor: 'Rina Koordinator', action: 'assignment.remove', object_type: 'unit_assessment', object_id: '122',
      entity_id: 5, entity: 'Kabupaten Kaur', year: 2023, old: { user_id: 3 }, reason: 'Penilai pindah tugas', hash: 'x',
    });
    renderUI(<AuditRow entry={entry} userName={(id) => names.get(id)} />);
    expect(screen.getByText('Penilai dilepas')).toBeInTheDocument();
    expect(screen.getByText('Oleh Rina Koordinator · Kabupaten Kaur · 2023')).toBeInTheDocument();
    expect(screen.getByText('1 Agu 2023, 10.00 WIB')).toBeInTheDocument();
    expect(screen.getByText('Nilai lama').nextElementSibling).toHaveTextContent('user_id: Dewi Lestari');
    expect(screen.queryByText('Nilai baru')).toBeNull();
    expect(screen.getByText('Alasan: Penilai pindah tugas')).toBeInTheDocument();
  });
});
