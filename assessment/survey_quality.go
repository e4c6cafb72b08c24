package assessment

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Kinds of survey quality flag (docs/SURVEY.md).
const (
	FlagBelowTarget    = "below_target"    // the unit's sample is below its target
	FlagDuplicate      = "duplicate"       // same content from the same assessor within minutes
	FlagStraightLining = "straight_lining" // every item has the same answer
	FlagTooFast        = "too_fast"        // too soon after the same assessor's previous entry
	FlagBurst          = "burst"           // one assessor entered far more than the others in one hour
)

// SurveyFlag is a hint for the coordinator. Flags never delete or exclude a
// respondent: the coordinator weighs them and may return the unit.
type SurveyFlag struct {
	Kind         string  `json:"kind"`
	RespondentID int64   `json:"respondent_id,omitempty"` // 0: the unit, or an assessor's hour
	Related      []int64 `json:"related,omitempty"`       // the earlier duplicate, the previous entry, the hour's entries
	AssessorID   int64   `json:"assessor_id,omitempty"`
	Detail       string  `json:"detail"`
}

// SurveyFlags lists a unit's quality flags, for coordinators of its
// province, admins and leadership.
func (s *Service) SurveyFlags(ctx context.Context, a Actor, uaID int64) ([]SurveyFlag, error) {
	ua, e, p, err := s.surveyUnit(ctx, s.store, a, uaID, false)
	if err != nil {
		return nil, err
	}
	if !canSeeFlags(a, e) {
		return nil, ErrForbidden
	}
	m, err := s.method(ctx, s.store, p.MethodID)
	if err != nil {
		return nil, err
	}
	st, err := s.surveyState(ctx, s.store, ua, e, p, m)
	if err != nil {
		return nil, err
	}
	times, err := s.assessorTimes(ctx, s.store, ua, st.respondents)
	if err != nil {
		return nil, err
	}
	return surveyFlags(st, len(st.items), times), nil
}

// assessorTimes reads every entry, in the whole period, of the assessors who
// entered respondents of this unit: "too fast" looks across units.
func (s *Service) assessorTimes(ctx context.Context, tx Store, ua UnitAssessment, rs []Respondent) ([]RespondentTime, error) {
	seen := map[int64]bool{}
	for _, r := range rs {
		if !r.SelfCompleted {
			seen[r.AssessorID] = true
		}
	}
	if len(seen) == 0 {
		return nil, nil
	}
	return tx.RespondentTimes(ctx, ua.PeriodID, slices.Sorted(maps.Keys(seen)))
}

func sameContent(a, b Respondent) bool {
	return a.Product == b.Product && a.Comment == b.Comment && maps.Equal(a.Answers, b.Answers)
}

// surveyFlags computes the flags of a unit from its state (respondents
// ordered by collection time) and its assessors' entries in the period
// (ordered by assessor, then time). Order: the unit's flag, then each
// respondent's in respondent order, then bursts by hour and assessor.
func surveyFlags(st surveyState, items int, times []RespondentTime) []SurveyFlag {
	q := st.settings.Quality
	out := []SurveyFlag{}
	rs := st.respondents
	if st.applies && len(rs) < st.target {
		f := SurveyFlag{Kind: FlagBelowTarget, Detail: fmt.Sprintf("%d dari target %d responden", len(rs), st.target)}
		if o := st.plan.Override; o != nil {
			f.Detail += "; disetujui koordinator: " + o.Reason
		}
		out = append(out, f)
	}
	byAssessor := map[int64][]RespondentTime{}
	for _, t := range times {
		byAssessor[t.AssessorID] = append(byAssessor[t.AssessorID], t)
	}
	window := time.Duration(q.DuplicateMinutes) * time.Minute
	for i, r := range rs {
		if q.DuplicateMinutes > 0 && !r.SelfCompleted {
			for j := i - 1; j >= 0 && r.CollectedAt.Sub(rs[j].CollectedAt) <= window; j-- {
				prev := rs[j]
				if !prev.SelfCompleted && prev.AssessorID == r.AssessorID && sameContent(prev, r) {
					out = append(out, SurveyFlag{Kind: FlagDuplicate, RespondentID: r.ID, Related: []int64{prev.ID}, AssessorID: r.AssessorID,
						Detail: fmt.Sprintf("isi sama dengan responden %d, %s sebelumnya, oleh penilai yang sama", prev.ID, r.CollectedAt.Sub(prev.CollectedAt).Round(time.Second))})
					break
				}
			}
		}
		if q.StraightLiningItems > 0 && items >= q.StraightLiningItems && len(r.Answers) == items {
			var first SurveyAnswer
			same := true
			for _, a := range r.Answers {
				if first == "" {
					first = a
				}
				same = same && a == first
			}
			if same {
				out = append(out, SurveyFlag{Kind: FlagStraightLining, RespondentID: r.ID, AssessorID: r.AssessorID,
					Detail: fmt.Sprintf("semua %d jawaban %q", items, first)})
			}
		}
		if q.MinSeconds > 0 && !r.SelfCompleted {
			list := byAssessor[r.AssessorID]
			k := slices.IndexFunc(list, func(t RespondentTime) bool { return t.ID == r.ID })
			if k > 0 {
				prev := list[k-1]
				if gap := r.CollectedAt.Sub(prev.CollectedAt); gap < time.Duration(q.MinSeconds)*time.Second {
					d := fmt.Sprintf("%d detik setelah entri sebelumnya oleh penilai yang sama", int(gap/time.Second))
					if prev.UnitAssessmentID != r.UnitAssessmentID {
						d += fmt.Sprintf(" (di unit %d)", prev.UnitAssessmentID)
					}
					out = append(out, SurveyFlag{Kind: FlagTooFast, RespondentID: r.ID, Related: []int64{prev.ID}, AssessorID: r.AssessorID, Detail: d})
				}
			}
		}
	}
	if q.BurstPerHour > 0 {
		out = append(out, bursts(q, rs)...)
	}
	return out
}

// bursts flags an assessor whose entries for the unit in one clock hour
// reach BurstPerHour and BurstFactor times the mean of the other assessors
// who entered respondents of the unit in that hour (at least 1).
func bursts(q SurveyQuality, rs []Respondent) []SurveyFlag {
	type key struct {
		hour     time.Time
		assessor int64
	}
	entries := map[key][]int64{}
	for _, r := range rs {
		if !r.SelfCompleted {
			k := key{r.CollectedAt.UTC().Truncate(time.Hour), r.AssessorID}
			entries[k] = append(entries[k], r.ID)
		}
	}
	keys := slices.SortedFunc(maps.Keys(entries), func(a, b key) int {
		if c := a.hour.Compare(b.hour); c != 0 {
			return c
		}
		return int(a.assessor - b.assessor)
	})
	var out []SurveyFlag
	for _, k := range keys {
		c := len(entries[k])
		others, sum := 0, 0
		for o, ids := range entries {
			if o.hour.Equal(k.hour) && o.assessor != k.assessor {
				others++
				sum += len(ids)
			}
		}
		// c ≥ factor × max(1, sum/others), in integers.
		far := c >= q.BurstFactor
		if others > 0 {
			far = c*others >= q.BurstFactor*max(others, sum)
		}
		if c < q.BurstPerHour || !far {
			continue
		}
		from := k.hour.In(wib)
		d := fmt.Sprintf("%d entri pada %s %02d.00–%02d.00 WIB", c, from.Format(time.DateOnly), from.Hour(), (from.Hour()+1)%24)
		if others > 0 {
			d += fmt.Sprintf("; %d penilai lain bersama %d entri", others, sum)
		}
		out = append(out, SurveyFlag{Kind: FlagBurst, Related: entries[k], AssessorID: k.assessor, Detail: d})
	}
	return out
}
