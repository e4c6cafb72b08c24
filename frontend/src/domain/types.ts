// Closed sets of the P4 domain, spelled as the API spells them. Each is a
// tuple so that zod schemas, selectors and tests all read the same list.

/** Zones summarise a score as green, yellow or red. */
export const zones = ['green', 'yellow', 'red'] as const;
/** Zone is one of the three published zones. */
export type Zone = (typeof zones)[number];

/** Categories are the letters A (best) to E of the 2022+ method. */
export const categories = ['A', 'B', 'C', 'D', 'E'] as const;
/** Category is one band letter. */
export type Category = (typeof categories)[number];

/** Roles a signed-in user can hold. */
export const roles = ['admin', 'coordinator', 'assessor', 'agency', 'leadership'] as const;
/** Role decides what a user may see and do. */
export type Role = (typeof roles)[number];

/** Peer groups inside which entities are ranked, as /public/rankings accepts them. */
export const peerGroups = [
  'pemda',
  'pemprov',
  'pemkab',
  'pemkot',
  'kantah',
  'polres',
  'kementerian',
  'lembaga',
] as const;
/** PeerGroup is one ranking group. */
export type PeerGroup = (typeof peerGroups)[number];

/** Groups ranked nationally only: a province filter means nothing for them. */
export const nationalGroups: readonly PeerGroup[] = ['kementerian', 'lembaga'];

/**
 * Groups ranked within one province only (METHOD.md §4: "all Pemda of one
 * province together in a provincial view"): the API requires a province.
 */
export const provincialGroups: readonly PeerGroup[] = ['pemda'];

/** isPeerGroup reports whether s names a peer group. */
export function isPeerGroup(s: string | null | undefined): s is PeerGroup {
  return (peerGroups as readonly string[]).includes(s ?? '');
}
