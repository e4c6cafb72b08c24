package assessment

import (
	"context"

	"github.com/ombudsman-ri/p4/scoring"
)

// ExplanationView says where an entity's score comes from and what would
// raise it, with the assessors' notes ("what to fix").
type ExplanationView struct {
	Explanation *scoring.Explanation `json:"explanation"`
	Next        *scoring.NextStep    `json:"next_category"`
	Notes       []IndicatorNote      `json:"notes"`
}

// IndicatorNote is an assessor's note on an answer of a unit.
type IndicatorNote struct {
	UnitID    int64  `json:"unit_id"`
	Indicator string `json:"indicator"`
	Value     *int   `json:"value"`
	NA        bool   `json:"na"`
	Note      string `json:"note"`
}

// scoringInput reads the entity's answers as scoring input, for an actor who may see its result.
func (s *Service) scoringInput(ctx context.Context, a Actor, year int, entityID int64) (*scoring.Method, scoring.Entity, []Answer, map[int64]int64, error) {
	v, err := s.Result(ctx, a, year, entityID, false)
	if err != nil {
		return nil, scoring.Entity{}, nil, nil, err
	}
	se, err := s.scoringEntity(ctx, s.store, v.Period, v.Entity)
	if err != nil {
		return nil, se, nil, nil, err
	}
	uas, err := s.store.UnitAssessments(ctx, v.Period.ID, entityID)
	if err != nil {
		return nil, se, nil, nil, err
	}
	ids := make([]int64, len(uas))
	unitOf := map[int64]int64{}
	for i, ua := range uas {
		ids[i] = ua.ID
		unitOf[ua.ID] = ua.UnitID
	}
	answers, err := s.store.Answers(ctx, ids...)
	return v.Method, se, answers, unitOf, err
}

// Explain returns the points lost per indicator, the top improvements and
// the fewest improvements to the next category, from the stored answers.
func (s *Service) Explain(ctx context.Context, a Actor, year int, entityID int64) (ExplanationView, error) {
	var out ExplanationView
	m, se, answers, unitOf, err := s.scoringInput(ctx, a, year, entityID)
	if err != nil {
		return out, err
	}
	if m.Instrument == nil || len(se.Units) == 0 {
		return out, &StateError{Action: "explain", Kind: ErrState, Detail: "an imported result has no answers to explain"}
	}
	if out.Explanation, err = scoring.Explain(m, se, 10); err != nil {
		return out, err
	}
	if out.Next, err = scoring.NextCategory(m, se); err != nil {
		return out, err
	}
	out.Notes = []IndicatorNote{}
	for _, an := range answers {
		if an.Note != "" {
			out.Notes = append(out.Notes, IndicatorNote{UnitID: unitOf[an.UnitAssessmentID], Indicator: an.Indicator, Value: an.Value, NA: an.NA, Note: an.Note})
		}
	}
	return out, nil
}

// WhatIf scores the entity with changed answers; nothing is saved.
func (s *Service) WhatIf(ctx context.Context, a Actor, year int, entityID int64, changes []scoring.Change) (*scoring.WhatIfResult, error) {
	m, se, _, _, err := s.scoringInput(ctx, a, year, entityID)
	if err != nil {
		return nil, err
	}
	if m.Instrument == nil || len(se.Units) == 0 {
		return nil, &StateError{Action: "what-if", Kind: ErrState, Detail: "an imported result has no answers to change"}
	}
	return scoring.WhatIf(m, se, changes)
}
