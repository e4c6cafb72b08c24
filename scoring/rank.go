package scoring

import (
	"sort"
	"strings"
)

// Standing is one entity's place in a peer group, the input of Rank.
type Standing struct {
	EntityID    string
	Name        string
	Score       Score // rounded
	Complete    bool
	NotAssessed bool
}

// RankRow is one line of a ranking table.
type RankRow struct {
	EntityID      string `json:"id"`
	Name          string `json:"name"`
	Score         Score  `json:"score"`
	Rank          int    `json:"rank,omitempty"` // 0 = not ranked (not assessed)
	Complete      bool   `json:"complete"`
	NotAssessed   bool   `json:"not_assessed,omitempty"`
	PreviousScore *Score `json:"previous_score,omitempty"`
	PreviousRank  int    `json:"previous_rank,omitempty"`  // rank in the same group in the previous period (comparable methods only)
	Movement      *int   `json:"movement,omitempty"`       // previous rank − rank: positive means moved up
	NotComparable bool   `json:"not_comparable,omitempty"` // the previous period used another method family
}

// Rank ranks one peer group: by score descending, equal scores share a rank
// (1, 2, 2, 4) and are listed by name (then id); not-assessed entities follow,
// unranked, by name. Previous standings of the same group, when given, are
// ranked the same way to report movement; with comparable false (another
// method family) rows only carry the previous score and NotComparable.
func Rank(current, previous []Standing, comparable bool) []RankRow {
	rows := make([]RankRow, 0, len(current))
	for _, s := range current {
		rows = append(rows, RankRow{EntityID: s.EntityID, Name: s.Name, Score: s.Score, Complete: s.Complete, NotAssessed: s.NotAssessed})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.NotAssessed != b.NotAssessed {
			return !a.NotAssessed
		}
		if !a.NotAssessed && a.Score != b.Score {
			return a.Score > b.Score
		}
		return nameLess(a.Name, a.EntityID, b.Name, b.EntityID)
	})
	for i := range rows {
		switch {
		case rows[i].NotAssessed:
		case i > 0 && rows[i].Score == rows[i-1].Score:
			rows[i].Rank = rows[i-1].Rank
		default:
			rows[i].Rank = i + 1
		}
	}
	if previous == nil {
		return rows
	}
	prevRows := Rank(previous, nil, true)
	prev := make(map[string]RankRow, len(prevRows))
	for _, r := range prevRows {
		if !r.NotAssessed {
			prev[r.EntityID] = r
		}
	}
	for i := range rows {
		p, ok := prev[rows[i].EntityID]
		if !ok || rows[i].NotAssessed {
			continue
		}
		score := p.Score
		rows[i].PreviousScore = &score
		if !comparable {
			rows[i].NotComparable = true
			continue
		}
		rows[i].PreviousRank = p.Rank
		mv := p.Rank - rows[i].Rank
		rows[i].Movement = &mv
	}
	return rows
}

// nameLess orders names case-insensitively, then exactly, then by id, so the
// order never depends on input order.
func nameLess(an, aid, bn, bid string) bool {
	if c := strings.Compare(strings.ToLower(an), strings.ToLower(bn)); c != 0 {
		return c < 0
	}
	if an != bn {
		return an < bn
	}
	return aid < bid
}

// Ranking is the ranking of one peer group with its band counts.
type Ranking struct {
	Group  PeerGroup   `json:"group"`
	Rows   []RankRow   `json:"rows"`
	Counts []BandCount `json:"counts"`
}

// BandCount is how many assessed entities of a group fall in one band.
type BandCount struct {
	Category string `json:"category,omitempty"`
	Opinion  string `json:"opinion"`
	Zone     Zone   `json:"zone"`
	Count    int    `json:"count"`
}

// Previous is the previous period's scores, for movement in rankings.
type Previous struct {
	Method string // method code
	Family string // movement is reported only when it equals the current method's family
	Scores []PriorScore
}

// PriorScore is one entity's score in the previous period.
type PriorScore struct {
	EntityID    string
	Name        string
	Kind        Kind
	Province    string
	Score       Score
	NotAssessed bool
}

// PeriodResult is the outcome of scoring a whole period.
type PeriodResult struct {
	Method   string         `json:"method"`
	Family   string         `json:"family"`
	Complete bool           `json:"complete"` // every assessed entity is complete
	Entities []EntityResult `json:"entities"` // input order
	Rankings []Ranking      `json:"rankings"` // national groups in kind order, then provincial views by province
}

// ScorePeriod scores every entity and ranks them in each peer group, with
// movement against prev when given (nil for none). Problems carry paths
// relative to the list (entities[4].units[2].answers["IN.KP.01"]); every
// entity is checked before returning.
func ScorePeriod(m *Method, entities []Entity, prev *Previous) (*PeriodResult, error) {
	if m.plan == nil {
		return nil, errNotValidated
	}
	var ps problems
	out := &PeriodResult{Method: m.Code, Family: m.Family, Complete: true, Entities: make([]EntityResult, len(entities))}
	ids := make(map[string]int, len(entities))
	for i, e := range entities {
		p := idx("entities", i)
		if strings.TrimSpace(e.ID) == "" {
			ps.add(p+".id", CodeRequired, "an entity id is required")
		} else if j, dup := ids[e.ID]; dup {
			ps.add(p+".id", CodeDuplicateCode, "entity id %q is also used by entities[%d]", e.ID, j)
		} else {
			ids[e.ID] = i
		}
		r, err := ScoreEntity(m, e)
		if err != nil {
			ps.addAll(p, err)
			continue
		}
		out.Entities[i] = *r
		if !r.NotAssessed && !r.Complete {
			out.Complete = false
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	members := map[PeerGroup][]int{}
	for i, e := range entities {
		for _, g := range PeerGroupsOf(e.Kind, e.Province) {
			members[g] = append(members[g], i)
		}
	}
	var prevMembers map[PeerGroup][]Standing
	if prev != nil {
		prevMembers = map[PeerGroup][]Standing{}
		for _, s := range prev.Scores {
			for _, g := range PeerGroupsOf(s.Kind, s.Province) {
				prevMembers[g] = append(prevMembers[g], Standing{EntityID: s.EntityID, Name: s.Name, Score: s.Score, Complete: true, NotAssessed: s.NotAssessed})
			}
		}
	}
	groups := make([]PeerGroup, 0, len(members))
	for g := range members {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].less(groups[j]) })
	for _, g := range groups {
		idxs := members[g]
		current := make([]Standing, len(idxs))
		for k, i := range idxs {
			r := &out.Entities[i]
			current[k] = Standing{EntityID: r.ID, Name: r.Name, Score: r.Score, Complete: r.Complete, NotAssessed: r.NotAssessed}
		}
		var before []Standing
		if prev != nil {
			before = prevMembers[g]
			if before == nil {
				before = []Standing{}
			}
		}
		rows := Rank(current, before, prev != nil && prev.Family == m.Family)
		out.Rankings = append(out.Rankings, Ranking{Group: g, Rows: rows, Counts: m.countBands(out, idxs)})
		byID := make(map[string]int, len(rows))
		for _, row := range rows {
			byID[row.EntityID] = row.Rank
		}
		ranked := 0
		for _, row := range rows {
			if row.Rank > 0 {
				ranked++
			}
		}
		for _, i := range idxs {
			r := &out.Entities[i]
			if rank := byID[r.ID]; rank > 0 {
				r.Ranks = append(r.Ranks, GroupRank{Group: g, Rank: rank, Of: ranked})
				if g.Province == "" {
					r.Rank = rank
				}
			}
		}
	}
	return out, nil
}

func (m *Method) countBands(out *PeriodResult, idxs []int) []BandCount {
	counts := make([]BandCount, len(m.plan.bands))
	for i, b := range m.plan.bands {
		counts[i] = BandCount{Category: b.Category, Opinion: b.Opinion, Zone: b.Zone}
	}
	for _, i := range idxs {
		r := &out.Entities[i]
		if r.NotAssessed {
			continue
		}
		for k, b := range m.plan.bands {
			if r.Score >= b.Lower {
				counts[k].Count++
				break
			}
		}
	}
	return counts
}

// AsPrevious turns a period's results into the previous period of the next one.
func (r *PeriodResult) AsPrevious() *Previous {
	p := &Previous{Method: r.Method, Family: r.Family}
	for _, e := range r.Entities {
		p.Scores = append(p.Scores, PriorScore{EntityID: e.ID, Name: e.Name, Kind: e.Kind, Province: e.Province, Score: e.Score, NotAssessed: e.NotAssessed})
	}
	return p
}
