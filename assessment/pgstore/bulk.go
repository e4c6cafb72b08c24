package pgstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// Reads and writes of a whole period at once, for RecomputePeriod: a fixed
// number of statements whatever the number of entities.

// PeriodUnitAssessments lists every unit assessment of a period, by entity
// and unit, in one query through pgx, without its assessors (what a
// recompute needs).
func (s *Store) PeriodUnitAssessments(ctx context.Context, periodID int64) ([]assessment.UnitAssessment, error) {
	var out []assessment.UnitAssessment
	err := s.withPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT ua.id, ua.period_id, ua.entity_id, ua.unit_id, ua.state, ua.return_reason, ua.version, ua.submitted_at, ua.decided_at, ua.decided_by
			FROM unit_assessments ua WHERE ua.period_id = $1 ORDER BY ua.entity_id, ua.unit_id`, periodID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r uaRow
			if err := rows.Scan(&r.ID, &r.PeriodID, &r.EntityID, &r.UnitID, &r.State, &r.ReturnReason, &r.Version, &r.SubmittedAt,
				&r.DecidedAt, &r.DecidedBy); err != nil {
				return err
			}
			out = append(out, r.to())
		}
		return rows.Err()
	})
	return out, translate(err, "unit assessments")
}

// PeriodAnswers reads what scoring takes of every answer of a period, by
// unit assessment and indicator (cleared answers, with neither a value nor
// N/A, are unanswered and left out), in one query through pgx: its rows
// come in the binary format and are decoded here without a value per
// column through database/sql, and each indicator code is kept once.
func (s *Store) PeriodAnswers(ctx context.Context, periodID int64) (map[int64]map[string]scoring.Answer, error) {
	out := map[int64]map[string]scoring.Answer{}
	err := s.withPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT a.unit_assessment_id, a.indicator, a.na, a.value
			FROM answers a JOIN unit_assessments ua ON ua.id = a.unit_assessment_id
			WHERE ua.period_id = $1 AND (a.value IS NOT NULL OR a.na)`, periodID)
		if err != nil {
			return err
		}
		defer rows.Close()
		fds := rows.FieldDescriptions()
		codes := map[string]string{}
		last, byCode := int64(0), map[string]scoring.Answer(nil)
		for rows.Next() {
			v := rows.RawValues()
			ua, err := rawInt(v[0], fds[0].Format)
			if err != nil {
				return err
			}
			code, ok := codes[string(v[1])]
			if !ok {
				code = string(v[1])
				codes[code] = code
			}
			na, err := rawBool(v[2], fds[2].Format)
			if err != nil {
				return err
			}
			a := scoring.Answer{NA: na}
			if v[3] != nil {
				x, err := rawInt(v[3], fds[3].Format)
				if err != nil {
					return err
				}
				a.Value = int(x)
			}
			// The rows of a unit assessment mostly come together: its map
			// is looked up once per run of rows, and made as large as the
			// indicators seen so far.
			if byCode == nil || ua != last {
				if byCode = out[ua]; byCode == nil {
					byCode = make(map[string]scoring.Answer, len(codes))
					out[ua] = byCode
				}
				last = ua
			}
			byCode[code] = a
		}
		return rows.Err()
	})
	if err != nil {
		return nil, translate(err, "answers")
	}
	return out, nil
}

// rawInt decodes an integer column (smallint, integer, bigint) of a pgx row.
func rawInt(b []byte, format int16) (int64, error) {
	if format == pgx.TextFormatCode {
		return strconv.ParseInt(string(b), 10, 64)
	}
	switch len(b) {
	case 2:
		return int64(int16(binary.BigEndian.Uint16(b))), nil
	case 4:
		return int64(int32(binary.BigEndian.Uint32(b))), nil
	case 8:
		return int64(binary.BigEndian.Uint64(b)), nil
	}
	return 0, fmt.Errorf("an integer of %d bytes", len(b))
}

// rawBool decodes a boolean column of a pgx row.
func rawBool(b []byte, format int16) (bool, error) {
	if format == pgx.TextFormatCode {
		return strconv.ParseBool(string(b))
	}
	if len(b) != 1 {
		return false, fmt.Errorf("a boolean of %d bytes", len(b))
	}
	return b[0] == 1, nil
}

// EntitiesWithUnits reads entities with their units (not their products)
// in two queries through pgx (RecomputePeriod's thousands of units).
func (s *Store) EntitiesWithUnits(ctx context.Context, ids []int64) (map[int64]assessment.Entity, error) {
	out := map[int64]assessment.Entity{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.withPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, entitySelect+` WHERE e.id = ANY ($1)`, ids)
		if err != nil {
			return err
		}
		for rows.Next() {
			var row entityRow
			if err := rows.Scan(&row.ID, &row.Code, &row.Name, &row.Kind, &row.ProvinceID, &row.ProvinceCode, &row.RegionID, &row.Active); err != nil {
				rows.Close()
				return err
			}
			e := row.toEntity()
			out[e.ID] = e
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = c.Query(ctx, `SELECT id, entity_id, code, name, kind, active FROM units WHERE entity_id = ANY ($1) ORDER BY entity_id, id`, ids)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u assessment.Unit
			if err := rows.Scan(&u.ID, &u.EntityID, &u.Code, &u.Name, &u.Kind, &u.Active); err != nil {
				return err
			}
			e := out[u.EntityID]
			e.Units = append(e.Units, u)
			out[u.EntityID] = e
		}
		return rows.Err()
	})
	if err != nil {
		return nil, translate(err, "entities")
	}
	return out, nil
}

// CurrentResults reads the headline of every current result of a period
// (id, score, category, zone, completeness; no units, dimensions or detail),
// by entity, through pgx.
func (s *Store) CurrentResults(ctx context.Context, periodID int64) (map[int64]assessment.Snapshot, error) {
	out := map[int64]assessment.Snapshot{}
	err := s.withPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT r.id, r.period_id, r.entity_id, r.score::text, r.category, r.zone, r.complete
			FROM current_results c JOIN result_snapshots r ON r.id = c.snapshot_id WHERE c.period_id = $1`, periodID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sn assessment.Snapshot
			var score, zone string
			if err := rows.Scan(&sn.ID, &sn.PeriodID, &sn.EntityID, &score, &sn.Category, &zone, &sn.Complete); err != nil {
				return err
			}
			if sn.Score, err = scoring.ParseScore(score); err != nil {
				return err
			}
			sn.Zone = scoring.Zone(zone)
			out[sn.EntityID] = sn
		}
		return rows.Err()
	})
	if err != nil {
		return nil, translate(err, "current results")
	}
	return out, nil
}

// SaveSnapshots stores n snapshots of distinct entities with their unit and
// dimension rows and makes each its entity's current result, as SaveSnapshot
// does one by one, in a few statements: the snapshots take their ids from
// the table's sequence first (one query); the snapshot rows are sent in one
// COPY as next gives them (the caller may still be computing the later
// ones), then the unit and the dimension rows in one COPY each, and the
// current results are set in one statement. Run it inside a transaction
// (InTx).
func (s *Store) SaveSnapshots(ctx context.Context, n int, next func(i int) (*assessment.Snapshot, error)) error {
	if n == 0 {
		return nil
	}
	return s.withPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT nextval(pg_get_serial_sequence('result_snapshots', 'id')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return translate(err, "save results")
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return translate(err, "save results")
		}
		if len(ids) != n {
			return fmt.Errorf("save results: %d ids for %d", len(ids), n)
		}
		src := &snapshotRows{next: next, ids: ids, seen: map[[2]int64]bool{}}
		if _, err := c.PgConn().CopyFrom(ctx, src, `COPY result_snapshots (id, period_id, entity_id, method_id, score, category, opinion, zone, complete, source, detail, created_at, created_by) FROM STDIN`); err != nil {
			if src.err != nil {
				return src.err
			}
			return translate(err, "save results")
		}
		if src.i != n {
			return fmt.Errorf("save results: %d of %d sent", src.i, n)
		}
		for _, cp := range []struct {
			what, sql string
			rows      *copyRows
		}{
			{"save unit results", `COPY snapshot_units (snapshot_id, unit_id, score, complete) FROM STDIN`, &src.units},
			{"save dimension results", `COPY snapshot_dimensions (snapshot_id, unit_id, dimension, points, max_points, percent) FROM STDIN`, &src.dims},
		} {
			if cp.rows.n == 0 {
				continue
			}
			if _, err := c.PgConn().CopyFrom(ctx, bytes.NewReader(cp.rows.b), cp.sql); err != nil {
				return translate(err, cp.what)
			}
		}
		_, err = c.Exec(ctx, `INSERT INTO current_results (period_id, entity_id, snapshot_id)
			SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
			ON CONFLICT (period_id, entity_id) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id`, src.periods, src.entities, ids)
		return translate(err, "make results current")
	})
}

// snapshotRows is the COPY input of SaveSnapshots: a Read asks for the next
// snapshots when the rows already made are sent, gives each its id and
// writes its row; their unit and dimension rows are kept for their own COPY.
type snapshotRows struct {
	next              func(i int) (*assessment.Snapshot, error)
	ids               []int64
	i                 int // snapshots taken
	row               copyRows
	off               int // of row.b sent
	units, dims       copyRows
	periods, entities []int64
	seen              map[[2]int64]bool
	err               error // from next, or the snapshot's own
}

func (r *snapshotRows) Read(p []byte) (int, error) {
	if r.off == len(r.row.b) {
		if r.i == len(r.ids) {
			return 0, io.EOF
		}
		// Rows of several snapshots per read (half of what the read takes):
		// fewer, fuller messages.
		r.row.b, r.off = r.row.b[:0], 0
		for r.i < len(r.ids) && (len(r.row.b) == 0 || len(r.row.b) < len(p)/2) {
			if err := r.take(); err != nil {
				r.err = err
				return 0, err
			}
		}
	}
	k := copy(p, r.row.b[r.off:])
	r.off += k
	return k, nil
}

func (r *snapshotRows) take() error {
	sn, err := r.next(r.i)
	if err != nil {
		return err
	}
	k := [2]int64{sn.PeriodID, sn.EntityID}
	if r.seen[k] {
		return fmt.Errorf("save results: entity %d twice", sn.EntityID)
	}
	r.seen[k] = true
	detail, err := assessment.DetailJSON(*sn)
	if err != nil {
		return err
	}
	sn.ID = r.ids[r.i]
	r.i++
	r.row.int(sn.ID).int(sn.PeriodID).int(sn.EntityID).int(sn.MethodID).score(sn.Score).str(sn.Category).str(sn.Opinion).
		str(string(sn.Zone)).bool(sn.Complete).str(sn.Source).bytes(detail).time(sn.CreatedAt)
	if sn.CreatedBy == 0 {
		r.row.null()
	} else {
		r.row.int(sn.CreatedBy)
	}
	r.row.end()
	for _, u := range sn.Units {
		r.units.int(sn.ID).int(u.UnitID).score(u.Score).bool(u.Complete).end()
	}
	for _, d := range sn.Dimensions {
		r.dims.int(sn.ID).int(d.UnitID).str(d.Dimension).str(string(d.Points)).str(string(d.MaxPoints)).score(d.Percent).end()
	}
	r.periods, r.entities = append(r.periods, sn.PeriodID), append(r.entities, sn.EntityID)
	return nil
}

// copyRows collects rows in COPY's text format: columns separated by tabs,
// rows ended by a newline, backslash escapes, \N for NULL.
type copyRows struct {
	b   []byte
	col int
	n   int // rows
}

func (c *copyRows) sep() {
	if c.col > 0 {
		c.b = append(c.b, '\t')
	}
	c.col++
}

// appendCopyByte appends ch as COPY's text format needs it: backslash,
// newline, carriage return and tab escaped.
func appendCopyByte(b []byte, ch byte) []byte {
	switch ch {
	case '\\':
		return append(b, '\\', '\\')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, ch)
}

func (c *copyRows) str(s string) *copyRows {
	c.sep()
	for i := 0; i < len(s); i++ {
		c.b = appendCopyByte(c.b, s[i])
	}
	return c
}

// bytes writes b as str writes a string, copying the runs between the bytes
// to escape at once (a JSON document rarely has any).
func (c *copyRows) bytes(b []byte) *copyRows {
	c.sep()
	for {
		i := bytes.IndexAny(b, "\\\n\r\t")
		if i < 0 {
			c.b = append(c.b, b...)
			return c
		}
		c.b = appendCopyByte(append(c.b, b[:i]...), b[i])
		b = b[i+1:]
	}
}

func (c *copyRows) int(v int64) *copyRows {
	c.sep()
	c.b = strconv.AppendInt(c.b, v, 10)
	return c
}

func (c *copyRows) bool(v bool) *copyRows {
	c.sep()
	if v {
		c.b = append(c.b, 't')
	} else {
		c.b = append(c.b, 'f')
	}
	return c
}

// score writes a score as Score.String does ("94.10", "-3.50").
func (c *copyRows) score(s scoring.Score) *copyRows {
	c.sep()
	v := int64(s)
	if v < 0 {
		c.b = append(c.b, '-')
		v = -v
	}
	c.b = strconv.AppendInt(c.b, v/100, 10)
	c.b = append(c.b, '.', byte('0'+v%100/10), byte('0'+v%10))
	return c
}

// time writes a timestamp as pgx sends one (UTC, to the microsecond).
func (c *copyRows) time(t time.Time) *copyRows {
	c.sep()
	c.b = t.UTC().Truncate(time.Microsecond).AppendFormat(c.b, time.RFC3339Nano)
	return c
}

// intOrNull writes an id, or NULL for 0.
func (c *copyRows) intOrNull(v int64) *copyRows {
	if v == 0 {
		return c.null()
	}
	return c.int(v)
}

// jsonOrNull writes a JSON document, or NULL for none (as jsonOrNil).
func (c *copyRows) jsonOrNull(b []byte) *copyRows {
	if len(b) == 0 {
		return c.null()
	}
	return c.bytes(b)
}

func (c *copyRows) null() *copyRows {
	c.sep()
	c.b = append(c.b, '\\', 'N')
	return c
}

func (c *copyRows) end() {
	c.b = append(c.b, '\n')
	c.col = 0
	c.n++
}

// withPgx runs f on the pgx connection under the store's transaction (kept
// by InTx), so that what f sends is part of that transaction; database/sql
// holds the connection's lock meanwhile. Outside a transaction f runs on a
// connection of the pool, each statement on its own.
func (s *Store) withPgx(ctx context.Context, f func(c *pgx.Conn) error) error {
	conn := s.conn
	if conn == nil {
		if s.inTx {
			return errors.New("pgstore: a bulk statement in a transaction not begun by InTx")
		}
		sqlDB, err := s.db.DB()
		if err != nil {
			return err
		}
		if conn, err = sqlDB.Conn(ctx); err != nil {
			return translate(err, "connect")
		}
		defer conn.Close()
	}
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("pgstore: driver connection %T is not pgx's", dc)
		}
		return f(c.Conn())
	})
}

// AppendAudits appends entries as AppendAudit does one by one — each after
// the last row of its chain, in the order given, under its chain's lock —
// in a few statements through pgx: the chains locked in one, their last
// hashes read in one, the entries' ids taken from the table's sequence in
// that order in one, the rows sent in one COPY. Run it inside a
// transaction (InTx).
func (s *Store) AppendAudits(ctx context.Context, es []*assessment.AuditEntry) error {
	if len(es) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var chains []string
	for _, e := range es {
		if !seen[e.Chain] {
			seen[e.Chain] = true
			chains = append(chains, e.Chain)
		}
	}
	sort.Strings(chains)
	return s.withPgx(ctx, func(c *pgx.Conn) error {
		// The chains locked, their last hashes read and the ids taken, sent
		// together (one round trip), run in that order.
		var b pgx.Batch
		b.Queue(`SELECT count(pg_advisory_xact_lock(hashtextextended(c, 7274))) FROM unnest($1::text[]) WITH ORDINALITY AS v(c, n)`, chains)
		b.Queue(`SELECT c.chain, l.hash FROM unnest($1::text[]) AS c(chain)
			CROSS JOIN LATERAL (SELECT hash FROM audit_log a WHERE a.chain = c.chain ORDER BY a.id DESC LIMIT 1) l`, chains)
		b.Queue(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) FROM generate_series(1, $1)`, len(es))
		br := c.SendBatch(ctx, &b)
		defer br.Close()
		if _, err := br.Exec(); err != nil {
			return translate(err, "lock audit chains")
		}
		rows, err := br.Query()
		if err != nil {
			return translate(err, "audit chains")
		}
		prev := map[string]string{}
		for rows.Next() {
			var chain, hash string
			if err := rows.Scan(&chain, &hash); err != nil {
				rows.Close()
				return translate(err, "audit chains")
			}
			prev[chain] = hash
		}
		if err := rows.Err(); err != nil {
			return translate(err, "audit chains")
		}
		rows, err = br.Query()
		if err != nil {
			return translate(err, "append audit")
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return translate(err, "append audit")
		}
		if err := br.Close(); err != nil {
			return translate(err, "append audit")
		}
		if len(ids) != len(es) {
			return fmt.Errorf("append audit: %d ids for %d", len(ids), len(es))
		}
		var cp copyRows
		for i, e := range es {
			e.PrevHash = assessment.GenesisHash
			if h, ok := prev[e.Chain]; ok {
				e.PrevHash = h
			}
			e.At = e.At.UTC().Truncate(time.Microsecond)
			h, err := assessment.AuditHash(*e)
			if err != nil {
				return err
			}
			e.Hash = h
			prev[e.Chain] = h
			cp.int(ids[i]).str(e.Chain).time(e.At)
			cp.intOrNull(e.ActorID).str(e.Actor).str(e.Action).str(e.ObjectType).str(e.ObjectID).intOrNull(e.PeriodID).intOrNull(e.EntityID)
			cp.jsonOrNull(e.Old).jsonOrNull(e.New).str(e.Reason).str(e.PrevHash).str(e.Hash).end()
		}
		if _, err := c.PgConn().CopyFrom(ctx, bytes.NewReader(cp.b), `COPY audit_log (id, chain, at, actor_id, actor, action, object_type, object_id, period_id, entity_id, old_value, new_value, reason, prev_hash, hash) FROM STDIN`); err != nil {
			return translate(err, "append audit")
		}
		for i, e := range es {
			e.ID = ids[i]
		}
		return nil
	})
}

// LockRankings takes LockRanking's lock of each group, in the order given,
// in one statement.
func (s *Store) LockRankings(ctx context.Context, periodID int64, groups []string) error {
	keys := make([]string, len(groups))
	for i, g := range groups {
		keys[i] = fmt.Sprintf("rank:%d:%s", periodID, g)
	}
	return s.withPgx(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 7275))) FROM unnest($1::text[]) WITH ORDINALITY AS v(k, n)`, keys)
		return translate(err, "lock rankings")
	})
}

// GroupStandings reads the standings of several peer groups in one query:
// every entity of the period with a current result, put in each requested
// group it belongs to as Standings selects them (a kind, in a province if
// the group has one; pemda: the local governments of a province), by
// entity id.
func (s *Store) GroupStandings(ctx context.Context, periodID int64, groups []scoring.PeerGroup) (map[string][]assessment.Standing, error) {
	out := make(map[string][]assessment.Standing, len(groups))
	for _, g := range groups {
		out[g.String()] = []assessment.Standing{}
	}
	err := s.withPgx(ctx, func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `SELECT e.id, e.name, e.kind, p.code, r.id, r.score::text, r.complete, NOT pe.assessed
			FROM period_entities pe JOIN entities e ON e.id = pe.entity_id
			JOIN current_results c ON c.period_id = pe.period_id AND c.entity_id = pe.entity_id
			JOIN result_snapshots r ON r.id = c.snapshot_id
			LEFT JOIN regions p ON p.id = e.province_id
			WHERE pe.period_id = $1 ORDER BY e.id`, periodID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var st assessment.Standing
			var kind, score string
			var province *string
			if err := rows.Scan(&st.EntityID, &st.Name, &kind, &province, &st.SnapshotID, &score, &st.Complete, &st.NotAssessed); err != nil {
				return err
			}
			if st.Score, err = scoring.ParseScore(score); err != nil {
				return err
			}
			for _, g := range groups {
				var in bool
				if g.Kind == scoring.GroupPemda {
					in = scoring.Kind(kind).IsPemda() && province != nil && *province == g.Province
				} else {
					in = kind == g.Kind && (g.Province == "" || (province != nil && *province == g.Province))
				}
				if in {
					out[g.String()] = append(out[g.String()], st)
				}
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, translate(err, "standings")
	}
	return out, nil
}
