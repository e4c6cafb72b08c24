package pgstore

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

// EntityScoresSQL computes every assessed entity's score of a period in one
// SQL aggregate over its answers, independently of package scoring: the
// reference that a full recompute is checked and timed against
// (docs/PERFORMANCE.md). It supports the mean and single roll-ups of the
// 2022 method family; the weights are passed as exact integers (each
// dimension's indicator weights over their common denominator, as the
// scoring engine does) and the arithmetic is PostgreSQL numeric.
func (s *Store) EntityScoresSQL(ctx context.Context, periodID int64, m *scoring.Method) (map[int64]scoring.Score, error) {
	if m.Instrument == nil {
		return nil, fmt.Errorf("method %s has no instrument", m.Code)
	}
	for k, r := range m.RollUp {
		if r != scoring.RollUpMean && r != scoring.RollUpSingle {
			return nil, fmt.Errorf("roll-up %q of %s is not supported by the SQL aggregate", r, k)
		}
	}
	hundred := big.NewRat(100, 1)
	compW := map[string]*big.Rat{"": hundred}
	for _, c := range m.Components {
		compW[c.Code] = c.Weight
	}
	var codes, coefs, wints, kinds, pnums, pdens []string
	var dims, pdims []int64
	for di, d := range m.Instrument.Dimensions {
		points := new(big.Rat).Mul(compW[d.Component], d.Weight)
		points.Quo(points, hundred)
		pdims = append(pdims, int64(di))
		pnums, pdens = append(pnums, points.Num().String()), append(pdens, points.Denom().String())
		l := big.NewInt(1)
		type ip struct {
			w   *big.Rat
			max int
		}
		ips := make([]ip, len(d.Indicators))
		for j, ind := range d.Indicators {
			w := ind.Weight
			if w == nil {
				w = big.NewRat(1, int64(len(d.Indicators)))
			}
			max := ind.Max
			if max == 0 {
				max = m.Instrument.Scale.Max
			}
			ips[j] = ip{w, max}
			per := new(big.Rat).Quo(w, big.NewRat(int64(max), 1))
			l.Div(new(big.Int).Mul(l, per.Denom()), new(big.Int).GCD(nil, nil, l, per.Denom()))
		}
		lr := new(big.Rat).SetInt(l)
		for j, ind := range d.Indicators {
			per := new(big.Rat).Quo(ips[j].w, big.NewRat(int64(ips[j].max), 1))
			codes = append(codes, ind.Code)
			dims = append(dims, int64(di))
			coefs = append(coefs, new(big.Rat).Mul(per, lr).Num().String())
			wints = append(wints, new(big.Rat).Mul(ips[j].w, lr).Num().String())
			ks := make([]string, len(ind.Kinds))
			for k, kind := range ind.Kinds {
				ks[k] = string(kind)
			}
			kinds = append(kinds, strings.Join(ks, ","))
		}
	}
	unitScore := `u.exact`
	if m.Rounding == scoring.RoundUnitsThenEntity {
		unitScore = `floor(u.exact * 100 + 0.5) / 100`
	}
	q := `WITH ind AS (SELECT * FROM unnest(?::text[], ?::int[], ?::numeric[], ?::numeric[], ?::text[]) AS i(code, dim, coef, wint, kinds)),
		dim AS (SELECT * FROM unnest(?::int[], ?::numeric[], ?::numeric[]) AS d(dim, pnum, pden)),
		ua AS (SELECT ua.id, ua.entity_id, e.kind FROM unit_assessments ua
			JOIN period_entities pe ON pe.period_id = ua.period_id AND pe.entity_id = ua.entity_id AND pe.assessed
			JOIN entities e ON e.id = ua.entity_id WHERE ua.period_id = ?),
		per_dim AS (SELECT ua.id, ua.entity_id, i.dim,
				sum(CASE WHEN a.na THEN 0 WHEN a.value IS NULL THEN 0 ELSE a.value * i.coef END) AS num,
				sum(CASE WHEN a.na THEN 0 ELSE i.wint END) AS den
			FROM ua JOIN ind i ON i.kinds = '' OR ua.kind = ANY (string_to_array(i.kinds, ','))
			LEFT JOIN answers a ON a.unit_assessment_id = ua.id AND a.indicator = i.code
			GROUP BY ua.id, ua.entity_id, i.dim),
		u AS (SELECT p.id, p.entity_id, sum(p.num::numeric(80, 40) / nullif(p.den, 0) * d.pnum / d.pden) AS exact
			FROM per_dim p JOIN dim d ON d.dim = p.dim GROUP BY p.id, p.entity_id)
		SELECT u.entity_id, floor(avg(` + unitScore + `) * 100 + 0.5)::bigint FROM u GROUP BY u.entity_id`
	ints := func(xs []int64) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = fmt.Sprint(x)
		}
		return out
	}
	rows, err := s.q(ctx).Raw(q, pgArray(codes), pgArray(ints(dims)), pgArray(coefs), pgArray(wints), pgArray(kinds),
		pgArray(ints(pdims)), pgArray(pnums), pgArray(pdens), periodID).Rows()
	if err != nil {
		return nil, translate(err, "entity scores")
	}
	defer rows.Close()
	out := map[int64]scoring.Score{}
	for rows.Next() {
		var id, score int64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, translate(err, "entity scores")
		}
		out[id] = scoring.Score(score)
	}
	return out, translate(rows.Err(), "entity scores")
}

// pgArray writes strings as one PostgreSQL array literal (gorm would expand
// a slice into a list of parameters).
func pgArray(xs []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(x))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}
