export { CategoryBadge } from './CategoryBadge';
export { EmptyState } from './EmptyState';
export { LoadingState } from './LoadingState';
export { OpinionLabel } from './OpinionLabel';
export { PageHeader } from './PageHeader';
export { ProblemAlert } from './ProblemAlert';
export { ScoreValue } from './ScoreValue';
export { ZoneChip } from './ZoneChip';
