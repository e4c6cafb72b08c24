import { Button, NativeSelect } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { memo, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ZoneChip } from '../../components/ZoneChip';
import { useFormat } from '../../i18n/format';
import type { Dimension, RankingItem } from '../public-results/types';
import { dimensionLabel } from '../results/DimensionBar';
import { IconArrowDown, IconArrowUp, IconChevronDown, IconChevronUp, IconEqual, IconSort, IconUnlink } from '../results/icons';
import classes from './RankingGrid.module.css';
import { defaultDir, type SortKey, type SortState } from './rankingView';

/**
 * pageSize is how many rows the ranking shows at first and adds per "show
 * more": a national group has hundreds of entities, and drawing them all
 * at once kept the page blank for seconds on a busy machine.
 */
export const pageSize = 50;

/** RankingGridProps: the rows to show (already filtered and sorted) and how. */
export interface RankingGridProps {
  rows: readonly RankingItem[];
  caption: string;
  dimensions: readonly Dimension[];
  withCategory: boolean;
  previousYear: number | null;
  sort: SortState;
  onSort: (s: SortState) => void;
  /** Where an entity's row links to. */
  entityHref: (row: RankingItem) => string;
}

type Format = ReturnType<typeof useFormat>;

/**
 * RankingGrid is the ranked comparison: a sortable table on tablets and
 * desktops (every column header is a button that says how it sorts), a
 * list of cards with a sort selector on phones. Sorting and filtering act
 * on all rows (the caller passes them sorted and filtered); the grid draws
 * the first pageSize of them and the rest on demand, saying how many of
 * how many are shown. After "show more" the focus moves to the first new
 * row, so keyboard and screen-reader users carry on where they were.
 */
export function RankingGrid(props: RankingGridProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = useMediaQuery('(max-width: 47.99em)', false);
  const [limit, setLimit] = useState(pageSize);
  const focusRow = useRef<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const total = props.rows.length;
  const shown = Math.min(limit, total);
  const rows = shown === total ? props.rows : props.rows.slice(0, shown);

  useEffect(() => {
    if (focusRow.current === null) return;
    const links = box.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]');
    links?.[focusRow.current]?.focus();
    focusRow.current = null;
  }, [shown]);

  const reveal = (n: number) => {
    focusRow.current = shown;
    setLimit(n);
  };
  const next = Math.min(pageSize, total - shown);
  const view = phone ? (
    <RankingCards {...props} rows={rows} t={t} f={f} />
  ) : (
    <RankingTableView {...props} rows={rows} total={total} t={t} f={f} />
  );
  return (
    <div ref={box}>
      {view}
      {shown < total && (
        <div className={classes.moreBar}>
          <span className={classes.muted}>{t('ranking.more.shown', { shown: f.number(shown), total: f.number(total) })}</span>
          <Button variant="default" mih={44} onClick={() => reveal(shown + next)}>
            {t('ranking.more.next', { n: f.number(next) })}
          </Button>
          <Button variant="subtle" mih={44} onClick={() => reveal(total)}>
            {t('ranking.more.all', { total: f.number(total) })}
          </Button>
        </div>
      )}
    </div>
  );
}

function dimPoints(row: RankingItem, code: string) {
  const d = row.dimensions.find((x) => x.dimension === code && !x.unit_id);
  return d ? { points: d.points, max: d.max_points, percent: d.percent } : null;
}

interface ViewProps extends RankingGridProps {
  t: TFunction;
  f: Format;
}

function RankingTableView({ rows, total, caption, dimensions, withCategory, previousYear, sort, onSort, entityHref, t, f }: ViewProps & { total: number }) {
  const th = (key: SortKey, label: ReactNode, align: 'left' | 'right' = 'left', w?: number) => (
    <SortHeader key={key} sortKey={key} label={label} sort={sort} onSort={onSort} align={align} w={w} t={t} />
  );
  return (
    // Positioned, so that the visually hidden texts (absolutely placed)
    // stay inside the scrolling box instead of widening the page.
    <div style={{ overflowX: 'auto', position: 'relative' }}>
      <table className={classes.table} data-testid="ranking-table" aria-rowcount={total + 1}>
        <caption className={classes.caption}>{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {th('rank', t('publicResults.ranking.rank'), 'left', 96)}
            {th('entity', t('publicResults.ranking.entity'))}
            {th('score', t('publicResults.ranking.score'), 'right')}
            {withCategory && th('category', t('publicResults.ranking.category'))}
            <th scope="col">{t('publicResults.ranking.opinion')}</th>
            {th('zone', t('publicResults.ranking.zone'))}
            {dimensions.map((d) => th(`dim:${d.code}`, dimensionLabel(d, f.lang)))}
            {th('movement', previousYear ? t('results.movement.headerYear', { year: previousYear }) : t('results.movement.header'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <TableRow
              key={r.entity_id}
              row={r}
              index={i + 2}
              href={entityHref(r)}
              dimensions={dimensions}
              withCategory={withCategory}
              previousYear={previousYear}
              t={t}
              f={f}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  row: RankingItem;
  index: number;
  href: string;
  dimensions: readonly Dimension[];
  withCategory: boolean;
  previousYear: number | null;
  t: TFunction;
  f: Format;
}

const TableRow = memo(function TableRow({ row: r, index, href, dimensions, withCategory, previousYear, t, f }: RowProps) {
  return (
    <tr data-entity-id={r.entity_id} aria-rowindex={index}>
      <td className={classes.rank}>{r.rank}</td>
      <th scope="row" className={classes.entity}>
        <Link to={href} className={classes.link} data-row-link="">
          {r.entity}
        </Link>
        {r.complete === false && <span className={classes.note}>{t('ranking.incomplete')}</span>}
      </th>
      <td className={classes.right}>
        <Score value={r.score} t={t} f={f} />
      </td>
      {withCategory && (
        <td>
          <Category category={r.category} t={t} />
        </td>
      )}
      <td>
        <Opinion opinion={r.opinion} t={t} />
      </td>
      <td>
        <ZoneChip zone={r.zone} size="sm" />
      </td>
      {dimensions.map((d) => {
        const p = dimPoints(r, d.code);
        return (
          <td key={d.code}>
            <Bar points={p?.points} max={p?.max ?? d.weight} percent={p?.percent} label={dimensionLabel(d, f.lang)} f={f} />
          </td>
        );
      })}
      <td>
        <MovementCell row={r} previousYear={previousYear} t={t} f={f} />
      </td>
    </tr>
  );
});

function Score({ value, t, f, className = classes.score }: { value: number | null | undefined; t: TFunction; f: Format; className?: string }) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return (
      <span className={classes.muted}>
        <span aria-hidden="true">–</span>
        <span className={classes.srOnly}>{t('score.none')}</span>
      </span>
    );
  }
  return <span className={className}>{f.score(value)}</span>;
}

function Category({ category, t }: { category: RankingItem['category']; t: TFunction }) {
  if (!category) return <span className={classes.muted}>{t('category.none')}</span>;
  return (
    <span className={classes.category} data-category={category}>
      {t('category.label', { letter: category })}
    </span>
  );
}

// Official opinions are never translated; lang="id" lets an English screen
// reader pronounce them as Indonesian.
function Opinion({ opinion, t }: { opinion: string | null | undefined; t: TFunction }) {
  if (!opinion) return <span className={classes.muted}>{t('opinion.none')}</span>;
  return (
    <span className={classes.opinion} lang="id">
      {opinion}
    </span>
  );
}

interface BarProps {
  points: number | null | undefined;
  max: number | null | undefined;
  percent?: number | null;
  label?: string;
  f: Format;
}

/** Bar: a dimension's points ("19,77 / 21,85") over a one-element bar; the number speaks, the bar is decoration. */
function Bar({ points, max, percent, label, f }: BarProps) {
  if (points === null || points === undefined || !max) return <span className={classes.muted}>–</span>;
  const pct = Math.max(0, Math.min(100, percent ?? (points / max) * 100));
  return (
    <span className={classes.bar} data-dimension={label}>
      <span className={classes.barNums}>
        <span className={classes.points}>
          {label && <span className={classes.srOnly}>{label}: </span>}
          {f.score(points)}
        </span>
        <span className={classes.max}>/ {f.score(max)}</span>
      </span>
      <span className={classes.track} style={{ '--pct': `${pct}%` } as CSSProperties} aria-hidden="true" />
    </span>
  );
}

/**
 * MovementCell says how a rank moved since the previous year in words and
 * with an arrow ("naik 2"), never by colour alone; when last year used
 * another method it says "tidak sebanding (metode berbeda)" instead. The
 * same words as results/Movement, in plain elements.
 */
function MovementCell({ row: r, previousYear, t, f }: { row: RankingItem; previousYear: number | null; t: TFunction; f: Format }) {
  const year = previousYear ?? undefined;
  if (r.not_comparable) {
    return (
      <span className={classes.move} data-movement="not-comparable">
        <span className={classes.moveLine} data-kind="not-comparable">
          <IconUnlink size={14} />
          {t('results.movement.notComparable')}
        </span>
        {r.previous_score !== null && r.previous_score !== undefined && year && (
          <span className={classes.dim}>{t('results.movement.previousScoreOnly', { year, score: f.score(r.previous_score) })}</span>
        )}
      </span>
    );
  }
  const movement = r.movement;
  if (movement === null || movement === undefined) {
    return (
      <span className={classes.muted} data-movement="none">
        <span aria-hidden="true">–</span>
        <span className={classes.srOnly}>{t('results.movement.none')}</span>
      </span>
    );
  }
  const kind = movement > 0 ? 'up' : movement < 0 ? 'down' : 'same';
  const Icon = kind === 'up' ? IconArrowUp : kind === 'down' ? IconArrowDown : IconEqual;
  const n = f.number(Math.abs(movement));
  return (
    <span className={classes.move} data-movement={kind}>
      <span className={classes.moveLine}>
        <Icon size={14} />
        {kind === 'up' ? t('results.movement.up', { n }) : kind === 'down' ? t('results.movement.down', { n }) : t('results.movement.same')}
      </span>
      {r.previous_rank && year && (
        <span className={classes.sub}>
          {t('results.movement.previous', {
            year,
            rank: f.number(r.previous_rank),
            score: r.previous_score !== null && r.previous_score !== undefined ? f.score(r.previous_score) : '–',
          })}
        </span>
      )}
    </span>
  );
}

interface SortHeaderProps {
  sortKey: SortKey;
  label: ReactNode;
  sort: SortState;
  onSort: (s: SortState) => void;
  align: 'left' | 'right';
  w?: number;
  t: TFunction;
}

function SortHeader({ sortKey, label, sort, onSort, align, w, t }: SortHeaderProps) {
  const active = sort.key === sortKey;
  const Icon = !active ? IconSort : sort.dir === 'asc' ? IconChevronUp : IconChevronDown;
  const next = active ? (sort.dir === 'asc' ? 'desc' : 'asc') : defaultDir(sortKey);
  return (
    <th
      scope="col"
      style={w ? { width: w } : undefined}
      className={align === 'right' ? classes.right : undefined}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className={classes.sortButton} onClick={() => onSort({ key: sortKey, dir: next })}>
        {label}
        <Icon size={14} />
        <span className={classes.srOnly}>{t(next === 'asc' ? 'ranking.sort.toAsc' : 'ranking.sort.toDesc')}</span>
      </button>
    </th>
  );
}

function RankingCards({ rows, caption, dimensions, withCategory, previousYear, sort, onSort, entityHref, t, f }: ViewProps) {
  const options: { value: string; label: string }[] = [
    { value: 'rank:asc', label: t('ranking.sort.rank') },
    { value: 'score:desc', label: t('ranking.sort.scoreDesc') },
    { value: 'score:asc', label: t('ranking.sort.scoreAsc') },
    { value: 'entity:asc', label: t('ranking.sort.entity') },
    { value: 'movement:desc', label: t('ranking.sort.movement') },
    ...dimensions.map((d) => ({ value: `dim:${d.code}:desc`, label: t('ranking.sort.dimension', { name: dimensionLabel(d, f.lang) }) })),
  ];
  const current = `${sort.key}:${sort.dir}`;
  if (!options.some((o) => o.value === current)) options.push({ value: current, label: t('ranking.sort.custom') });
  return (
    <section aria-label={caption}>
      <div className={classes.caption} style={{ marginBottom: 'var(--mantine-spacing-sm)' }}>
        {caption}
      </div>
      <NativeSelect
        label={t('ranking.sort.label')}
        value={current}
        data={options}
        mb="sm"
        onChange={(e) => {
          const v = e.currentTarget.value;
          const i = v.lastIndexOf(':');
          onSort({ key: v.slice(0, i) as SortKey, dir: v.slice(i + 1) as 'asc' | 'desc' });
        }}
      />
      <ol className={classes.cards}>
        {rows.map((r) => (
          <Card
            key={r.entity_id}
            row={r}
            index={0}
            href={entityHref(r)}
            dimensions={dimensions}
            withCategory={withCategory}
            previousYear={previousYear}
            t={t}
            f={f}
          />
        ))}
      </ol>
    </section>
  );
}

const Card = memo(function Card({ row: r, href, dimensions, withCategory, previousYear, t, f }: RowProps) {
  return (
    <li className={classes.card} data-entity-id={r.entity_id}>
      <div className={classes.cardHead}>
        <div className={classes.cardTitle}>
          <span className={classes.cardRank}>
            <span className={classes.srOnly}>{t('publicResults.ranking.rank')} </span>
            {r.rank}
          </span>
          <Link to={href} className={classes.link} data-row-link="" style={{ minWidth: 0 }}>
            {r.entity}
          </Link>
        </div>
        <Score value={r.score} t={t} f={f} className={classes.cardScore} />
      </div>
      <div className={classes.cardBody}>
        <div className={classes.chips}>
          {withCategory && <Category category={r.category} t={t} />}
          <ZoneChip zone={r.zone} size="sm" />
        </div>
        <div>
          <Opinion opinion={r.opinion} t={t} />
        </div>
        {dimensions.map((d) => {
          const p = dimPoints(r, d.code);
          return (
            <div key={d.code} className={classes.cardDim}>
              <span className={classes.cardDimName}>{dimensionLabel(d, f.lang)}</span>
              <Bar points={p?.points} max={p?.max ?? d.weight} percent={p?.percent} f={f} />
            </div>
          );
        })}
        <MovementCell row={r} previousYear={previousYear} t={t} f={f} />
      </div>
    </li>
  );
});
