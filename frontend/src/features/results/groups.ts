import type { TFunction } from 'i18next';
import { isPeerGroup, type PeerGroup } from '../../domain/types';

/**
 * groupLabel names a stored peer-group key: "pemda/17" → "Semua Pemda ·
 * Bengkulu", "polres" → "Kepolisian Resor (Polres)".
 */
export function groupLabel(key: string, t: TFunction, provinceName?: (code: string) => string | undefined): string {
  const [kind, province] = key.split('/');
  const name = isPeerGroup(kind) ? t(`publicResults.groups.${kind}`) : (kind ?? key);
  if (!province) return name;
  return `${name} · ${provinceName?.(province) ?? province}`;
}

/**
 * peerGroupFor is the group an entity is compared with by default: the
 * Pemda of its province for local governments (as provincial offices
 * publish it), its kind nationally otherwise.
 */
export function peerGroupFor(kind: string, province: string | null | undefined): { group: PeerGroup; province?: string } {
  if ((kind === 'pemprov' || kind === 'pemkab' || kind === 'pemkot') && province) return { group: 'pemda', province };
  return { group: isPeerGroup(kind) ? kind : 'pemda', province: undefined };
}

/**
 * peerGroupChoices lists the groups an entity can be compared with: its
 * province's Pemda (local governments), its kind nationally, and its kind
 * in its province.
 */
export function peerGroupChoices(kind: string, province: string | null | undefined): { group: PeerGroup; province?: string }[] {
  const out: { group: PeerGroup; province?: string }[] = [];
  const local = kind === 'pemprov' || kind === 'pemkab' || kind === 'pemkot';
  if (local && province) out.push({ group: 'pemda', province });
  if (isPeerGroup(kind)) {
    out.push({ group: kind });
    if (province && kind !== 'kementerian' && kind !== 'lembaga') out.push({ group: kind, province });
  }
  return out;
}
