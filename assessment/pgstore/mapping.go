package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
)

// ---- indicator mappings

type mappingRow struct {
	PreviousPeriodID  int64
	Indicator         string
	PreviousIndicator *string
	UpdatedBy         *int64
	UpdatedAt         time.Time
}

// IndicatorMappings reads a period's stored indicator mapping.
func (s *Store) IndicatorMappings(ctx context.Context, periodID int64) ([]assessment.StoredMapping, error) {
	var rows []mappingRow
	if err := s.q(ctx).Raw(`SELECT previous_period_id, indicator, previous_indicator, updated_by, updated_at
		FROM indicator_mappings WHERE period_id = ? ORDER BY indicator`, periodID).Scan(&rows).Error; err != nil {
		return nil, translate(err, fmt.Sprintf("indicator mapping of period %d", periodID))
	}
	out := make([]assessment.StoredMapping, len(rows))
	for i, r := range rows {
		out[i] = assessment.StoredMapping{PreviousPeriodID: r.PreviousPeriodID, Indicator: r.Indicator, UpdatedAt: r.UpdatedAt}
		if r.PreviousIndicator != nil {
			out[i].Previous = *r.PreviousIndicator
		}
		if r.UpdatedBy != nil {
			out[i].UpdatedBy = *r.UpdatedBy
		}
	}
	return out, nil
}

// ReplaceIndicatorMappings deletes a period's mapping and inserts rows.
func (s *Store) ReplaceIndicatorMappings(ctx context.Context, periodID int64, rows []assessment.StoredMapping) error {
	if _, err := exec(s.q(ctx), "replace indicator mapping", `DELETE FROM indicator_mappings WHERE period_id = ?`, periodID); err != nil {
		return err
	}
	for _, r := range rows {
		var prev any
		if r.Previous != "" {
			prev = r.Previous
		}
		if _, err := exec(s.q(ctx), "replace indicator mapping", `INSERT INTO indicator_mappings
			(period_id, previous_period_id, indicator, previous_indicator, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			periodID, r.PreviousPeriodID, r.Indicator, prev, nz(r.UpdatedBy), r.UpdatedAt); err != nil {
			return err
		}
	}
	return nil
}
