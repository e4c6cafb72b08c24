package assessment

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/mail"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/ombudsman-ri/p4/scoring"
)

// Imports take rows parsed from a workbook (package excel), validate every
// row against the records, report every problem at once with the cell it
// comes from ("Lokus!C7"), and write all rows in one transaction or none.
// They are idempotent by natural key (entity code, unit code within its
// entity, email, period and entity): importing the same file again changes
// nothing. Existing records are never changed by an import: a row that
// disagrees with one is a problem, not an update (historical scores of an
// unpublished period excepted, which an import may correct).

// Import limits.
const (
	// MaxImportRows is the most data rows one import takes (the national
	// locus is about 4,200 unit rows).
	MaxImportRows = 10000
	// MaxImportProblems is the most problems reported; one more entry says
	// how many were left out.
	MaxImportProblems = 500
)

// RowRef says where an imported row came from: its sheet, its row number and
// the column letter of each field.
type RowRef struct {
	Sheet   string
	Row     int
	Columns map[string]string // field → column letter
}

// Cell returns the A1-style reference of a field of the row ("Lokus!C7").
func (r RowRef) Cell(field string) string {
	col := r.Columns[field]
	if col == "" {
		col = "A"
	}
	return fmt.Sprintf("%s!%s%d", r.Sheet, col, r.Row)
}

// problems collects import problems.
type problems struct{ list []FieldError }

func (p *problems) add(ref RowRef, field, code, format string, args ...any) {
	p.list = append(p.list, FieldError{Field: ref.Cell(field), Code: code, Message: fmt.Sprintf(format, args...)})
}

// ImportError returns the problems as one ValidationError, at most
// MaxImportProblems of them plus a line saying how many more there were;
// nil when there is none.
func ImportError(list []FieldError) error {
	if len(list) == 0 {
		return nil
	}
	// In reading order: by sheet as met, then row, then column.
	sheets := map[string]int{}
	type pos struct{ sheet, row, col int }
	at := func(f FieldError) pos {
		sheet, ref, ok := strings.Cut(f.Field, "!")
		if !ok {
			return pos{-1, 0, 0}
		}
		if _, seen := sheets[sheet]; !seen {
			sheets[sheet] = len(sheets)
		}
		col, row := 0, 0
		for _, c := range ref {
			switch {
			case c >= 'A' && c <= 'Z':
				col = col*26 + int(c-'A'+1)
			case c >= '0' && c <= '9':
				row = row*10 + int(c-'0')
			}
		}
		return pos{sheets[sheet], row, col}
	}
	for _, f := range list {
		at(f)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := at(list[i]), at(list[j])
		if a.sheet != b.sheet {
			return a.sheet < b.sheet
		}
		if a.row != b.row {
			return a.row < b.row
		}
		return a.col < b.col
	})
	if len(list) > MaxImportProblems {
		more := len(list) - MaxImportProblems
		list = append(list[:MaxImportProblems:MaxImportProblems], FieldError{Field: "file", Code: "too_many_problems",
			Message: fmt.Sprintf("dan %d masalah lain tidak ditampilkan; perbaiki yang di atas lalu impor lagi", more)})
	}
	return &ValidationError{Fields: list}
}

// ImportSummary says what an import did, by kind of record.
type ImportSummary struct {
	Kind      string         `json:"kind"`
	Rows      int            `json:"rows"`
	Created   map[string]int `json:"created"`
	Updated   map[string]int `json:"updated"`
	Unchanged map[string]int `json:"unchanged"`
	// Passwords are the initial passwords of the users created, shown once:
	// P4 keeps only their hashes.
	Passwords []InitialPassword `json:"passwords,omitempty"`
	Method    *MethodVersion    `json:"method,omitempty"`
	Notes     []string          `json:"notes,omitempty"`
}

// InitialPassword is a created user's first password.
type InitialPassword struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func newSummary(kind string, rows int, what ...string) ImportSummary {
	s := ImportSummary{Kind: kind, Rows: rows, Created: map[string]int{}, Updated: map[string]int{}, Unchanged: map[string]int{}}
	for _, w := range what {
		s.Created[w], s.Updated[w], s.Unchanged[w] = 0, 0, 0
	}
	return s
}

// ---- locus

// LocusImport is a parsed locus workbook: one row per service unit, its
// entity's columns repeated on each of its units' rows.
type LocusImport struct {
	Rows     []LocusImportRow
	Problems []FieldError // found while reading the file
}

// LocusImportRow is one unit of an entity. Fields for RowRef: province,
// entity_code, entity_name, kind, unit_code, unit_name, unit_kind.
type LocusImportRow struct {
	Ref          RowRef
	ProvinceCode string
	EntityCode   string
	EntityName   string
	Kind         scoring.Kind
	UnitCode     string
	UnitName     string
	UnitKind     string
}

func national(k scoring.Kind) bool { return k == scoring.KindKementerian || k == scoring.KindLembaga }

// ImportLocus adds the entities and units of a locus workbook that do not
// exist yet (admin).
func (s *Service) ImportLocus(ctx context.Context, a Actor, in LocusImport) (ImportSummary, error) {
	if err := requireAdmin(a); err != nil {
		return ImportSummary{}, err
	}
	sum := newSummary("locus", len(in.Rows), "entities", "units")
	err := s.store.InTx(ctx, func(tx Store) error {
		ps := problems{list: append([]FieldError(nil), in.Problems...)}
		provinces, err := provinceIndex(ctx, tx)
		if err != nil {
			return err
		}
		type planned struct {
			first    LocusImportRow
			existing *Entity
			entity   Entity // new entity with its units, or an existing one's new units
			units    map[string]LocusImportRow
		}
		byCode := map[string]*planned{}
		var order []string
		for _, r := range in.Rows {
			if national(r.Kind) && r.ProvinceCode != "" {
				ps.add(r.Ref, "province", "not_allowed", "%s berskala nasional: kosongkan kode provinsi (%q)", r.Kind, r.ProvinceCode)
			}
			var prov Region
			if !national(r.Kind) {
				p, ok := provinces[r.ProvinceCode]
				switch {
				case r.ProvinceCode == "":
					ps.add(r.Ref, "province", "required", "kode provinsi wajib untuk %s", r.Kind)
				case !ok:
					ps.add(r.Ref, "province", "unknown", "provinsi %q tidak ada", r.ProvinceCode)
				}
				prov = p
			}
			pl := byCode[r.EntityCode]
			if pl == nil {
				pl = &planned{first: r, units: map[string]LocusImportRow{}}
				byCode[r.EntityCode] = pl
				order = append(order, r.EntityCode)
				ex, err := tx.EntityByCode(ctx, r.EntityCode)
				switch {
				case err == nil:
					pl.existing = &ex
					pl.entity = Entity{ID: ex.ID, Code: ex.Code}
					if ex.Name != r.EntityName {
						ps.add(r.Ref, "entity_name", "conflict", "entitas %s sudah ada dengan nama %q; impor tidak mengubah data yang ada", r.EntityCode, ex.Name)
					}
					if ex.Kind != r.Kind {
						ps.add(r.Ref, "kind", "conflict", "entitas %s sudah ada dengan jenis %s; impor tidak mengubah data yang ada", r.EntityCode, ex.Kind)
					}
					if ex.ProvinceCode != r.ProvinceCode {
						ps.add(r.Ref, "province", "conflict", "entitas %s sudah ada di provinsi %q; impor tidak mengubah data yang ada", r.EntityCode, ex.ProvinceCode)
					}
				case errors.Is(err, ErrNotFound):
					pl.entity = Entity{Code: r.EntityCode, Name: r.EntityName, Kind: r.Kind, ProvinceID: prov.ID, Active: true}
				default:
					return err
				}
			} else {
				f := pl.first
				if r.EntityName != f.EntityName {
					ps.add(r.Ref, "entity_name", "inconsistent", "nama entitas %s berbeda dengan baris %d (%q)", r.EntityCode, f.Ref.Row, f.EntityName)
				}
				if r.Kind != f.Kind {
					ps.add(r.Ref, "kind", "inconsistent", "jenis entitas %s berbeda dengan baris %d (%s)", r.EntityCode, f.Ref.Row, f.Kind)
				}
				if r.ProvinceCode != f.ProvinceCode {
					ps.add(r.Ref, "province", "inconsistent", "provinsi entitas %s berbeda dengan baris %d (%q)", r.EntityCode, f.Ref.Row, f.ProvinceCode)
				}
			}
			if prev, dup := pl.units[r.UnitCode]; dup {
				ps.add(r.Ref, "unit_code", "duplicate", "unit %s entitas %s sudah ada di baris %d", r.UnitCode, r.EntityCode, prev.Ref.Row)
				continue
			}
			pl.units[r.UnitCode] = r
			if pl.existing != nil {
				if u, ok := unitByCode(pl.existing.Units, r.UnitCode); ok {
					if u.Name != r.UnitName {
						ps.add(r.Ref, "unit_name", "conflict", "unit %s entitas %s sudah ada dengan nama %q; impor tidak mengubah data yang ada", r.UnitCode, r.EntityCode, u.Name)
					}
					sum.Unchanged["units"]++
					continue
				}
			}
			pl.entity.Units = append(pl.entity.Units, Unit{Code: r.UnitCode, Name: r.UnitName, Kind: r.UnitKind, Active: true})
		}
		if err := ImportError(ps.list); err != nil {
			return err
		}
		for _, code := range order {
			pl := byCode[code]
			if pl.existing == nil {
				e := pl.entity
				if err := tx.CreateEntity(ctx, &e); err != nil {
					return fmt.Errorf("entity %s: %w", code, err)
				}
				if err := s.audit(ctx, tx, a, chainOf("entity", e.ID), "entity.create", "entity", e.ID, 0, e.ID, nil, e, "import"); err != nil {
					return err
				}
				sum.Created["entities"]++
				sum.Created["units"] += len(e.Units)
				continue
			}
			sum.Unchanged["entities"]++
			for _, u := range pl.entity.Units {
				u.EntityID = pl.existing.ID
				if err := tx.AddUnit(ctx, &u); err != nil {
					return fmt.Errorf("entity %s unit %s: %w", code, u.Code, err)
				}
				if err := s.audit(ctx, tx, a, chainOf("entity", u.EntityID), "unit.create", "unit", u.ID, 0, u.EntityID, nil, u, "import"); err != nil {
					return err
				}
				sum.Created["units"]++
			}
		}
		return nil
	})
	return sum, err
}

func unitByCode(us []Unit, code string) (Unit, bool) {
	for _, u := range us {
		if u.Code == code {
			return u, true
		}
	}
	return Unit{}, false
}

func provinceIndex(ctx context.Context, tx Store) (map[string]Region, error) {
	regions, err := tx.Regions(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]Region{}
	for _, r := range regions {
		if r.Level == "province" {
			out[r.Code] = r
		}
	}
	return out, nil
}

// ---- users

// UserImport is a parsed users workbook.
type UserImport struct {
	Rows     []UserImportRow
	Problems []FieldError
}

// UserImportRow is one user. Fields for RowRef: email, name, role, province, entity.
type UserImportRow struct {
	Ref          RowRef
	Email        string
	Name         string
	Role         Role
	ProvinceCode string
	EntityCode   string
}

// ImportUsers creates the users of a users workbook that do not exist yet
// (admin). Each new user gets a random password, returned once in the
// summary for the admin to hand over (or to replace with a reset): a
// workbook never carries passwords.
func (s *Service) ImportUsers(ctx context.Context, a Actor, in UserImport) (ImportSummary, error) {
	if err := requireAdmin(a); err != nil {
		return ImportSummary{}, err
	}
	sum := newSummary("users", len(in.Rows), "users")
	err := s.store.InTx(ctx, func(tx Store) error {
		ps := problems{list: append([]FieldError(nil), in.Problems...)}
		provinces, err := provinceIndex(ctx, tx)
		if err != nil {
			return err
		}
		entities := map[string]*Entity{}
		seen := map[string]int{}
		var create []User
		for _, r := range in.Rows {
			email := strings.ToLower(strings.TrimSpace(r.Email))
			if addr, err := mail.ParseAddress(r.Email); err != nil || addr.Address != strings.TrimSpace(r.Email) {
				ps.add(r.Ref, "email", "invalid_email", "%q bukan alamat email", r.Email)
				continue
			}
			if row, dup := seen[email]; dup {
				ps.add(r.Ref, "email", "duplicate", "email %s sudah ada di baris %d", email, row)
				continue
			}
			seen[email] = r.Ref.Row
			u := User{Email: email, Name: strings.TrimSpace(r.Name), Role: r.Role, Active: true, PasswordChangedAt: s.now()}
			// Only a coordinator's province means anything (the province they
			// supervise); for other roles the column is read by people only.
			if r.Role == RoleCoordinator {
				if p, ok := provinces[r.ProvinceCode]; ok {
					u.ProvinceID = p.ID
				} else if r.ProvinceCode == "" {
					ps.add(r.Ref, "province", "required", "koordinator mengawasi satu provinsi: isi kode provinsi")
				} else {
					ps.add(r.Ref, "province", "unknown", "provinsi %q tidak ada", r.ProvinceCode)
				}
			}
			switch {
			case r.Role == RoleAgency && r.EntityCode == "":
				ps.add(r.Ref, "entity", "required", "pengguna instansi terikat pada satu entitas: isi kode entitas")
			case r.Role != RoleAgency && r.EntityCode != "":
				ps.add(r.Ref, "entity", "not_allowed", "hanya pengguna instansi (agency) yang terikat pada entitas; kosongkan kode entitas")
			case r.EntityCode != "":
				e, ok := entities[r.EntityCode]
				if !ok {
					ex, err := tx.EntityByCode(ctx, r.EntityCode)
					switch {
					case err == nil:
						e = &ex
					case errors.Is(err, ErrNotFound):
					default:
						return err
					}
					entities[r.EntityCode] = e
				}
				if e == nil {
					ps.add(r.Ref, "entity", "unknown", "entitas %q tidak ada", r.EntityCode)
				} else {
					u.EntityID = e.ID
				}
			}
			ex, err := tx.UserByEmail(ctx, email)
			switch {
			case err == nil:
				if ex.Name != u.Name || ex.Role != u.Role || ex.ProvinceID != u.ProvinceID || ex.EntityID != u.EntityID {
					ps.add(r.Ref, "email", "conflict", "pengguna %s sudah ada (%s, peran %s) dengan data lain; impor tidak mengubah pengguna yang ada", email, ex.Name, ex.Role)
					continue
				}
				sum.Unchanged["users"]++
			case errors.Is(err, ErrNotFound):
				create = append(create, u)
			default:
				return err
			}
		}
		if err := ImportError(ps.list); err != nil {
			return err
		}
		passwords := make([]string, len(create))
		hashes := make([]string, len(create))
		if err := hashAll(create, passwords, hashes); err != nil {
			return err
		}
		for i := range create {
			u := create[i]
			u.PasswordHash = hashes[i]
			if err := tx.CreateUser(ctx, &u); err != nil {
				return fmt.Errorf("user %s: %w", u.Email, err)
			}
			if err := s.audit(ctx, tx, a, chainOf("user", u.ID), "user.create", "user", u.ID, 0, u.EntityID, nil, u, "import"); err != nil {
				return err
			}
			sum.Created["users"]++
			sum.Passwords = append(sum.Passwords, InitialPassword{Email: u.Email, Password: passwords[i]})
		}
		return nil
	})
	if err != nil {
		return ImportSummary{}, err
	}
	return sum, nil
}

// hashAll makes a random password and its hash for each user, on every core:
// an argon2id hash takes a noticeable fraction of a second.
func hashAll(users []User, passwords, hashes []string) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), 4); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pw := randomPassword()
				h, err := HashPassword(pw)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				passwords[i], hashes[i] = pw, h
				mu.Unlock()
			}
		}()
	}
	for i := range users {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// randomPassword returns a 16-character password from letters and digits
// that cannot be mistaken for one another when read aloud or copied by hand.
func randomPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	return randomFrom(alphabet, 16)
}

func randomFrom(alphabet string, n int) string {
	b := make([]byte, n)
	buf := make([]byte, 1)
	for i := 0; i < n; {
		if _, err := rand.Read(buf); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		// Rejection sampling keeps every character equally likely.
		if int(buf[0]) >= 256/len(alphabet)*len(alphabet) {
			continue
		}
		b[i] = alphabet[int(buf[0])%len(alphabet)]
		i++
	}
	return string(b)
}

// ---- historical results

// ResultImport is a parsed historical results workbook for one period.
type ResultImport struct {
	Year     int
	Rows     []ResultImportRow
	Problems []FieldError
	Notes    []string // said by the reader, passed to the summary (e.g. an ignored rank column)
}

// ResultImportRow is one entity's published score. Fields for RowRef: entity,
// score, category.
type ResultImportRow struct {
	Ref        RowRef
	EntityCode string
	Score      scoring.Score
	Category   string // as stated in the source table, checked against the score; optional
}

// ImportResults stores the published scores of a historical period (admin):
// each is classified by that period's method, a stated category must agree
// with it, ranks are recomputed, never taken from the file. An entity not yet
// in the period's locus is added while the period is unpublished; a score of
// a published period cannot change.
func (s *Service) ImportResults(ctx context.Context, a Actor, in ResultImport) (ImportSummary, error) {
	if err := requireAdmin(a); err != nil {
		return ImportSummary{}, err
	}
	sum := newSummary("results", len(in.Rows), "results", "locus")
	sum.Notes = in.Notes
	err := s.store.InTx(ctx, func(tx Store) error {
		ps := problems{list: append([]FieldError(nil), in.Problems...)}
		p, err := tx.PeriodByYear(ctx, in.Year)
		if errors.Is(err, ErrNotFound) {
			return &ValidationError{Fields: []FieldError{{Field: "year", Code: "unknown", Message: fmt.Sprintf("periode %d tidak ada: buat periode historis lebih dulu", in.Year)}}}
		}
		if err != nil {
			return err
		}
		if !p.Historical {
			return &ValidationError{Fields: []FieldError{{Field: "year", Code: "not_historical",
				Message: fmt.Sprintf("periode %d dinilai di P4, bukan periode historis: hasilnya dihitung dari jawaban, tidak diimpor", in.Year)}}}
		}
		m, err := s.method(ctx, tx, p.MethodID)
		if err != nil {
			return err
		}
		labels := bandLabels(m)
		type write struct {
			row    ResultImportRow
			entity Entity
			locus  bool // add to the locus first
		}
		var writes []write
		seen := map[string]int{}
		for _, r := range in.Rows {
			if row, dup := seen[r.EntityCode]; dup {
				ps.add(r.Ref, "entity", "duplicate", "entitas %s sudah ada di baris %d", r.EntityCode, row)
				continue
			}
			seen[r.EntityCode] = r.Ref.Row
			band, err := scoring.Classify(m, r.Score)
			if err != nil {
				ps.add(r.Ref, "score", "out_of_range", "nilai %s di luar 0,00–100,00", r.Score)
				continue
			}
			if r.Category != "" {
				stated, ok := m.LookupBand(r.Category)
				switch {
				case !ok:
					ps.add(r.Ref, "category", "unknown", "kategori %q tidak dikenal (%s)", r.Category, labels)
				case stated.Lower != band.Lower:
					ps.add(r.Ref, "category", "mismatch", "kategori %q tidak sesuai dengan nilai %s: menurut metode %s nilai itu %s", r.Category, r.Score, m.Code, bandName(band))
				}
			}
			e, err := tx.EntityByCode(ctx, r.EntityCode)
			if errors.Is(err, ErrNotFound) {
				ps.add(r.Ref, "entity", "unknown", "entitas %q tidak ada: impor lokus lebih dulu", r.EntityCode)
				continue
			}
			if err != nil {
				return err
			}
			w := write{row: r, entity: e}
			pe, err := tx.PeriodEntity(ctx, p.ID, e.ID, false)
			switch {
			case errors.Is(err, ErrNotFound):
				if p.Status != PeriodPlanning && p.Status != PeriodOpen {
					ps.add(r.Ref, "entity", "not_in_locus", "entitas %s tidak termasuk lokus periode %d, yang sudah %s", r.EntityCode, p.Year, p.Status)
					continue
				}
				w.locus = true
			case err != nil:
				return err
			case !pe.Assessed:
				ps.add(r.Ref, "entity", "not_assessed", "entitas %s tercatat tidak dinilai pada periode %d", r.EntityCode, p.Year)
				continue
			default:
				cur, err := tx.CurrentSnapshot(ctx, p.ID, e.ID)
				switch {
				case err == nil && cur.Score == r.Score && cur.Source == SourceImported:
					sum.Unchanged["results"]++
					continue
				case err == nil && p.Status == PeriodPublished:
					ps.add(r.Ref, "score", "locked", "hasil periode %d sudah dipublikasikan (nilai %s): tidak dapat diubah", p.Year, cur.Score)
					continue
				case err != nil && !errors.Is(err, ErrNotFound):
					return err
				}
			}
			writes = append(writes, w)
		}
		if err := ImportError(ps.list); err != nil {
			return err
		}
		groups := map[string]scoring.PeerGroup{}
		for _, w := range writes {
			if w.locus {
				pe := PeriodEntity{PeriodID: p.ID, EntityID: w.entity.ID, Assessed: true, State: EntityAssessing}
				if err := tx.AddPeriodEntity(ctx, pe); err != nil {
					return err
				}
				if err := s.audit(ctx, tx, a, chainOf("period", p.ID), "locus.add", "entity", w.entity.ID, p.ID, w.entity.ID, nil, pe, "import"); err != nil {
					return err
				}
				sum.Created["locus"]++
			} else {
				sum.Unchanged["locus"]++
			}
			_, errCur := tx.CurrentSnapshot(ctx, p.ID, w.entity.ID)
			if _, err := s.importHistorical(ctx, tx, a, p.ID, w.entity.ID, w.row.Score, false); err != nil {
				return fmt.Errorf("entity %s: %w", w.row.EntityCode, err)
			}
			if errCur == nil { // it had a result: corrected
				sum.Updated["results"]++
			} else {
				sum.Created["results"]++
			}
			for _, g := range scoring.PeerGroupsOf(w.entity.Kind, w.entity.ProvinceCode) {
				groups[g.String()] = g
			}
		}
		keys := make([]string, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys) // a fixed lock order
		for _, k := range keys {
			if err := s.rerankGroup(ctx, tx, p, groups[k]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ImportSummary{}, err
	}
	return sum, nil
}

// bandLabels lists the labels a stated category may use: letters, opinions
// and aliases.
func bandLabels(m *scoring.Method) string {
	var out []string
	for _, b := range m.Bands {
		if b.Category != "" {
			out = append(out, b.Category)
		}
	}
	for _, b := range m.Bands {
		out = append(out, b.Opinion)
		out = append(out, b.Aliases...)
	}
	return strings.Join(out, ", ")
}

func bandName(b scoring.Band) string {
	if b.Category != "" {
		return fmt.Sprintf("%s (%s)", b.Category, b.Opinion)
	}
	return b.Opinion
}

// ---- instrument

// ImportMethod registers a method file built from an instrument workbook
// (admin); the same file again changes nothing.
func (s *Service) ImportMethod(ctx context.Context, a Actor, file []byte) (ImportSummary, error) {
	if err := requireAdmin(a); err != nil {
		return ImportSummary{}, err
	}
	m, err := scoring.ParseFile(file)
	if err != nil {
		return ImportSummary{}, err
	}
	sum := newSummary("instrument", len(m.Indicators()), "methods")
	before, err := s.store.LatestMethodVersion(ctx, m.Code)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return sum, err
	}
	mv, err := s.RegisterMethod(ctx, a, file)
	if err != nil {
		return sum, err
	}
	if before.ID == mv.ID {
		sum.Unchanged["methods"]++
	} else {
		sum.Created["methods"]++
	}
	mv.Definition, mv.Method = nil, nil
	sum.Method = &mv
	return sum, nil
}
