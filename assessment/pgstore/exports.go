package pgstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// kindOrder sorts entities by kind in listing order (scoring.Kinds).
const kindOrder = `array_position(ARRAY['pemprov', 'pemkab', 'pemkot', 'kantah', 'polres', 'kementerian', 'lembaga']::text[], e.kind)`

// exportWhere filters by period (on the given column) and province code.
func exportWhere(f assessment.ExportFilter, periodCol string) (string, []any) {
	w := periodCol + ` = ?`
	args := []any{f.PeriodID}
	if f.ProvinceCode != "" {
		w += ` AND r.code = ?`
		args = append(args, f.ProvinceCode)
	}
	return w, args
}

// EachDimensionRow streams the dimension points of every entity's current
// result and of its units, with names, through one cursor.
func (s *Store) EachDimensionRow(ctx context.Context, f assessment.ExportFilter, fn func(assessment.DimensionRow) error) error {
	w, args := exportWhere(f, "c.period_id")
	rows, err := s.q(ctx).Raw(`SELECT e.id, e.code, e.name, e.kind, coalesce(r.code, ''), coalesce(r.name, ''),
		sd.unit_id, coalesce(u.code, ''), coalesce(u.name, ''),
		(CASE WHEN sd.unit_id = 0 THEN rs.score ELSE su.score END)::text, CASE WHEN sd.unit_id = 0 THEN rs.complete ELSE coalesce(su.complete, false) END,
		sd.dimension, sd.points::text, sd.max_points::text, sd.percent::text
		FROM current_results c
		JOIN result_snapshots rs ON rs.id = c.snapshot_id
		JOIN entities e ON e.id = c.entity_id
		LEFT JOIN regions r ON r.id = e.province_id
		JOIN snapshot_dimensions sd ON sd.snapshot_id = rs.id
		LEFT JOIN snapshot_units su ON su.snapshot_id = rs.id AND su.unit_id = sd.unit_id
		LEFT JOIN units u ON u.id = sd.unit_id
		WHERE `+w+`
		ORDER BY r.code NULLS FIRST, `+kindOrder+`, e.name, e.id, sd.unit_id, sd.dimension`, args...).Rows()
	if err != nil {
		return translate(err, "dimension rows")
	}
	defer rows.Close()
	for rows.Next() {
		var d assessment.DimensionRow
		var score sql.NullString
		var points, maxPoints, percent string
		if err := rows.Scan(&d.EntityID, &d.EntityCode, &d.Entity, &d.Kind, &d.ProvinceCode, &d.Province, &d.UnitID, &d.UnitCode, &d.Unit,
			&score, &d.Complete, &d.Dimension, &points, &maxPoints, &percent); err != nil {
			return translate(err, "dimension rows")
		}
		if score.Valid {
			if d.Score, err = scoring.ParseScore(score.String); err != nil {
				return fmt.Errorf("dimension rows: score %q: %w", score.String, err)
			}
		}
		if d.Percent, err = scoring.ParseScore(percent); err != nil {
			return fmt.Errorf("dimension rows: percent %q: %w", percent, err)
		}
		d.Points, d.MaxPoints = json.Number(points), json.Number(maxPoints)
		if err := fn(d); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "dimension rows")
}

const answerRowsFrom = ` FROM answers a
	JOIN unit_assessments ua ON ua.id = a.unit_assessment_id
	JOIN entities e ON e.id = ua.entity_id
	JOIN units u ON u.id = ua.unit_id
	LEFT JOIN regions r ON r.id = e.province_id
	WHERE `

// EachAnswerRow streams every stored answer of a period with names, through
// one cursor: memory stays flat whatever the period's size.
func (s *Store) EachAnswerRow(ctx context.Context, f assessment.ExportFilter, fn func(assessment.AnswerRow) error) error {
	w, args := exportWhere(f, "ua.period_id")
	rows, err := s.q(ctx).Raw(`SELECT coalesce(r.code, ''), coalesce(r.name, ''), e.id, e.code, e.name, e.kind, u.id, u.code, u.name, ua.state,
		a.indicator, a.value, a.na, a.na_reason, a.note`+answerRowsFrom+w+`
		ORDER BY r.code NULLS FIRST, `+kindOrder+`, e.name, e.id, u.id, a.indicator`, args...).Rows()
	if err != nil {
		return translate(err, "answer rows")
	}
	defer rows.Close()
	for rows.Next() {
		var a assessment.AnswerRow
		var value sql.NullInt32
		if err := rows.Scan(&a.ProvinceCode, &a.Province, &a.EntityID, &a.EntityCode, &a.Entity, &a.Kind, &a.UnitID, &a.UnitCode, &a.Unit, &a.UnitState,
			&a.Indicator, &value, &a.NA, &a.NAReason, &a.Note); err != nil {
			return translate(err, "answer rows")
		}
		if value.Valid {
			v := int(value.Int32)
			a.Value = &v
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "answer rows")
}

// CountAnswerRows counts what EachAnswerRow yields.
func (s *Store) CountAnswerRows(ctx context.Context, f assessment.ExportFilter) (int, error) {
	w, args := exportWhere(f, "ua.period_id")
	var n int64
	if err := s.q(ctx).Raw(`SELECT count(*)`+answerRowsFrom+w, args...).Scan(&n).Error; err != nil {
		return 0, translate(err, "answer rows")
	}
	return int(n), nil
}
