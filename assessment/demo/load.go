package demo

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/scoring"
)

// replayClock is the clock the loader moves through each period's calendar,
// so that every record goes through the real workflow at a plausible time.
type replayClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *replayClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *replayClock) set(day string, hour int) error {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return fmt.Errorf("date %q: %w", day, err)
	}
	c.mu.Lock()
	c.t = t.Add(time.Duration(hour-7) * time.Hour) // hour in WIB
	c.mu.Unlock()
	return nil
}

// Load writes a data set through the assessment service, replaying each
// period's calendar: answers are saved by their assessors during field work,
// submitted, returned or accepted by the province's coordinator, entities are
// verified (scores computed from the answers), finalized and published. The
// store must be empty. blobs keeps the evidence files.
func Load(ctx context.Context, store assessment.Store, blobs assessment.BlobStore, ds *DataSet) error {
	return LoadWith(ctx, store, blobs, ds, LoadOptions{Workers: 1})
}

// LoadOptions tunes a load.
type LoadOptions struct {
	// Workers is how many units are written at once (1 = in order).
	Workers int
	// Progress, when set, receives a line per step.
	Progress func(format string, args ...any)
	// Now is today's time (default time.Now): a period still open at the
	// end of the load has its field work extended to include it, so that
	// the demo's open period can be worked in whenever it is run.
	Now func() time.Time
}

// LoadWith is Load with options; units are written by opts.Workers at once.
func LoadWith(ctx context.Context, store assessment.Store, blobs assessment.BlobStore, ds *DataSet, opts LoadOptions) error {
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	if opts.Progress == nil {
		opts.Progress = func(string, ...any) {}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	clk := &replayClock{}
	if err := clk.set("2021-01-04", 9); err != nil {
		return err
	}
	svc := assessment.NewService(store, assessment.WithClock(clk.now), assessment.WithBlobStore(blobs))
	sys := assessment.System
	l := loader{ctx: ctx, svc: svc, store: store, clk: clk, opts: opts, provinces: map[string]int64{}, entities: map[string]assessment.Entity{},
		users: map[string]assessment.User{}, coordinators: map[string]assessment.Actor{}}

	for _, r := range ds.Regions {
		reg := assessment.Region{Code: r.Code, Name: r.Name, Level: r.Level}
		if err := svc.CreateRegion(ctx, sys, &reg, r.ParentCode); err != nil {
			return fmt.Errorf("region %s: %w", r.Code, err)
		}
		if r.Level == LevelProvince {
			l.provinces[r.Code] = reg.ID
		}
	}
	for _, e := range ds.Entities {
		ent := assessment.Entity{Code: e.Code, Name: e.Name, Kind: scoring.Kind(e.Kind), ProvinceID: l.provinces[e.ProvinceCode]}
		if e.RegionCode != "" && e.RegionCode != e.ProvinceCode {
			reg, err := store.RegionByCode(ctx, e.RegionCode)
			if err != nil {
				return fmt.Errorf("entity %s: region %s: %w", e.Code, e.RegionCode, err)
			}
			ent.RegionID = reg.ID
		}
		for _, u := range e.Units {
			ent.Units = append(ent.Units, assessment.Unit{Code: u.Code, Name: u.Name, Kind: u.Kind, Products: u.Products})
		}
		if err := svc.CreateEntity(ctx, sys, &ent); err != nil {
			return fmt.Errorf("entity %s: %w", e.Code, err)
		}
		l.entities[e.Code] = ent
	}
	opts.Progress("locus: %d regions, %d entities", len(ds.Regions), len(ds.Entities))
	hashes := map[string]string{} // one hash per distinct demo password
	for _, u := range ds.Users {
		if _, ok := hashes[u.Password]; !ok {
			h, err := assessment.HashPassword(u.Password)
			if err != nil {
				return err
			}
			hashes[u.Password] = h
		}
		in := assessment.NewUser{Email: u.Email, Name: u.Name, Role: assessment.Role(u.Role), PasswordHash: hashes[u.Password]}
		if u.Role == string(assessment.RoleCoordinator) {
			in.ProvinceID = l.provinces[u.ProvinceCode]
		}
		if u.EntityCode != "" {
			in.EntityID = l.entities[u.EntityCode].ID
		}
		created, err := svc.CreateUser(ctx, sys, in)
		if err != nil {
			return fmt.Errorf("user %s: %w", u.Email, err)
		}
		l.users[u.Email] = created
		if created.Role == assessment.RoleCoordinator {
			l.coordinators[u.ProvinceCode] = created.Actor()
		}
	}
	opts.Progress("users: %d", len(ds.Users))
	periods := append([]Period(nil), ds.Periods...)
	sort.Slice(periods, func(i, j int) bool { return periods[i].Year < periods[j].Year })
	for _, p := range periods {
		if err := l.period(p); err != nil {
			return fmt.Errorf("period %d: %w", p.Year, err)
		}
	}
	return nil
}

type loader struct {
	opts         LoadOptions
	ctx          context.Context
	svc          *assessment.Service
	store        assessment.Store
	clk          *replayClock
	provinces    map[string]int64
	entities     map[string]assessment.Entity
	users        map[string]assessment.User
	coordinators map[string]assessment.Actor // by province code
}

func dayPtr(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// reviewer is the coordinator of the entity's province, or head office.
func (l *loader) reviewer(e assessment.Entity) assessment.Actor {
	for code, id := range l.provinces {
		if id == e.ProvinceID {
			if c, ok := l.coordinators[code]; ok {
				return c
			}
		}
	}
	return assessment.System
}

func (l *loader) period(p Period) error {
	ctx, sys := l.ctx, assessment.System
	file, err := scoring.PresetFile(p.MethodPreset)
	if err != nil {
		return err
	}
	mv, err := l.svc.RegisterMethod(ctx, sys, file)
	if err != nil {
		return err
	}
	in := assessment.PeriodInput{Year: p.Year, MethodID: mv.ID, Name: fmt.Sprintf("P4 %d", p.Year)}
	historical := false
	for _, pe := range p.Entities {
		if pe.HistoricalScore != "" {
			historical = true
		}
	}
	in.Historical = historical
	dates := []struct {
		s   string
		dst **time.Time
	}{{p.FieldworkFrom, &in.Fieldwork.From}, {p.FieldworkTo, &in.Fieldwork.To}, {p.ReviewFrom, &in.Review.From}, {p.ReviewTo, &in.Review.To},
		{p.ObjectionFrom, &in.Objection.From}, {p.ObjectionTo, &in.Objection.To}, {p.PublishOn, &in.PublishOn}}
	for _, d := range dates {
		if *d.dst, err = dayPtr(d.s); err != nil {
			return err
		}
	}
	start := p.FieldworkFrom
	if start == "" {
		start = fmt.Sprintf("%d-01-10", p.Year)
	}
	if err := l.clk.set(start, 8); err != nil {
		return err
	}
	period, err := l.svc.CreatePeriod(ctx, sys, in)
	if err != nil {
		return err
	}
	for _, pe := range p.Entities {
		e, ok := l.entities[pe.EntityCode]
		if !ok {
			return fmt.Errorf("locus names unknown entity %s", pe.EntityCode)
		}
		if err := l.svc.AddToLocus(ctx, sys, period.ID, e.ID, pe.Assessed, pe.NotAssessedReason); err != nil {
			return fmt.Errorf("locus %s: %w", pe.EntityCode, err)
		}
	}
	if err := l.svc.OpenPeriod(ctx, sys, period.ID); err != nil {
		return err
	}
	if historical {
		for _, pe := range p.Entities {
			if !pe.Assessed {
				continue
			}
			sc, err := scoring.ParseScore(pe.HistoricalScore)
			if err != nil {
				return fmt.Errorf("historical score of %s: %w", pe.EntityCode, err)
			}
			if _, err := l.svc.ImportHistorical(ctx, sys, period.ID, l.entities[pe.EntityCode].ID, sc); err != nil {
				return fmt.Errorf("import %s: %w", pe.EntityCode, err)
			}
		}
	} else {
		if err := l.fieldwork(p, period); err != nil {
			return err
		}
	}
	if p.Status == StatusPublished || p.Status == StatusClosed {
		if err := l.clk.set(orDefault(p.PublishOn, fmt.Sprintf("%d-12-20", p.Year)), 10); err != nil {
			return err
		}
		if p.Status == StatusPublished {
			if _, err := l.svc.Publish(ctx, sys, period.ID); err != nil {
				return err
			}
		} else if err := l.svc.ClosePeriod(ctx, sys, period.ID); err != nil {
			return err
		}
	}
	if p.Status == StatusOpen {
		return l.extend(period.ID)
	}
	return nil
}

// extend moves an open period's later windows so that today lies inside
// field work and review, as an extension of the schedule would in practice,
// and opens the objection window now for the results already final (the
// demo's Kantah Kaur), so that an objection can be filed and decided today.
func (l *loader) extend(periodID int64) error {
	today := l.opts.Now().UTC().Truncate(24 * time.Hour)
	p, err := l.store.Period(l.ctx, periodID)
	if err != nil {
		return err
	}
	if p.Fieldwork.To == nil || !p.Fieldwork.To.Before(today) {
		return nil
	}
	day := func(d int) *time.Time { t := today.AddDate(0, 0, d); return &t }
	sc := assessment.Schedule{
		Fieldwork: assessment.Window{From: p.Fieldwork.From, To: day(90)},
		Review:    assessment.Window{From: p.Review.From, To: day(120)},
		Objection: assessment.Window{From: day(-14), To: day(135)},
		PublishOn: day(140),
	}
	_, err = l.svc.SetSchedule(l.ctx, assessment.System, periodID, p.Version, sc,
		"Demo: field work extended so that the open period can be worked in today; objections to final results open now")
	return err
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// fieldwork replays answers, submissions and reviews, then verifies and finalizes entities.
func (l *loader) fieldwork(p Period, period assessment.Period) error {
	ctx, sys := l.ctx, assessment.System
	// Answers during field work.
	if err := l.clk.set(p.FieldworkFrom, 9); err != nil {
		return err
	}
	fw, _ := dayPtr(p.FieldworkFrom)
	fieldDay := fw.AddDate(0, 0, 14).Format(time.DateOnly)
	type pending struct {
		e  assessment.Entity
		pu PeriodUnit
		ua assessment.UnitAssessment
	}
	var all []pending
	for _, pe := range p.Entities {
		if !pe.Assessed {
			continue
		}
		e := l.entities[pe.EntityCode]
		uas, err := l.store.UnitAssessments(ctx, period.ID, e.ID)
		if err != nil {
			return err
		}
		byUnit := map[int64]assessment.UnitAssessment{}
		for _, ua := range uas {
			byUnit[ua.UnitID] = ua
		}
		for _, pu := range pe.Units {
			var unitID int64
			for _, u := range e.Units {
				if u.Code == pu.UnitCode {
					unitID = u.ID
				}
			}
			ua, ok := byUnit[unitID]
			if !ok {
				return fmt.Errorf("%s has no unit %s", pe.EntityCode, pu.UnitCode)
			}
			for _, email := range pu.Assessors {
				u, ok := l.users[email]
				if !ok {
					return fmt.Errorf("%s/%s: unknown assessor %s", pe.EntityCode, pu.UnitCode, email)
				}
				if err := l.svc.Assign(ctx, sys, ua.ID, u.ID); err != nil {
					return err
				}
			}
			all = append(all, pending{e, pu, ua})
		}
	}
	if err := l.clk.set(fieldDay, 10); err != nil {
		return err
	}
	if err := l.each(len(all), func(i int) error {
		x := all[i]
		if len(x.pu.Assessors) == 0 {
			return nil
		}
		assessor := l.users[x.pu.Assessors[0]].Actor()
		changes := make([]assessment.AnswerChange, 0, len(x.pu.Answers))
		for _, a := range x.pu.Answers {
			changes = append(changes, assessment.AnswerChange{Indicator: a.Indicator,
				Input: assessment.AnswerInput{Value: a.Value, NA: a.NA, NAReason: a.NAReason, Note: a.Note}})
		}
		if len(changes) > 0 {
			if _, err := l.svc.SaveAnswers(ctx, assessor, x.ua.ID, changes); err != nil {
				return fmt.Errorf("answers of %s/%s: %w", x.e.Code, x.pu.UnitCode, err)
			}
		}
		for _, ev := range x.pu.Evidence {
			if _, err := l.svc.AddEvidence(ctx, assessor, x.ua.ID, ev.Indicator, ev.Name, bytes.NewReader(ev.Data)); err != nil {
				return fmt.Errorf("evidence of %s/%s: %w", x.e.Code, x.pu.UnitCode, err)
			}
		}
		if x.pu.State != UnitDraft {
			if _, err := l.svc.Submit(ctx, assessor, x.ua.ID); err != nil {
				return fmt.Errorf("submit %s/%s: %w", x.e.Code, x.pu.UnitCode, err)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	l.opts.Progress("period %d: answers of %d units", p.Year, len(all))
	// Review, still inside field work so that returned units can be fixed.
	if err := l.clk.set(fw.AddDate(0, 0, 30).Format(time.DateOnly), 14); err != nil {
		return err
	}
	if err := l.each(len(all), func(i int) error {
		x := all[i]
		rev := l.reviewer(x.e)
		switch x.pu.State {
		case UnitAccepted:
			if _, err := l.svc.Accept(ctx, rev, x.ua.ID); err != nil {
				return fmt.Errorf("accept %s/%s: %w", x.e.Code, x.pu.UnitCode, err)
			}
		case UnitReturned:
			reason := orDefault(x.pu.ReturnReason, "Lengkapi bukti dukung.")
			if _, err := l.svc.Return(ctx, rev, x.ua.ID, reason, nil); err != nil {
				return fmt.Errorf("return %s/%s: %w", x.e.Code, x.pu.UnitCode, err)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	l.opts.Progress("period %d: reviews done", p.Year)
	// Entities whose state is beyond assessing are verified (scored), then finalized.
	if err := l.each(len(p.Entities), func(i int) error {
		pe := p.Entities[i]
		if !pe.Assessed || pe.State == EntityAssessing || pe.State == "" {
			return nil
		}
		e := l.entities[pe.EntityCode]
		if _, err := l.svc.Verify(ctx, l.reviewer(e), period.ID, e.ID); err != nil {
			return fmt.Errorf("verify %s: %w", pe.EntityCode, err)
		}
		return nil
	}); err != nil {
		return err
	}
	l.opts.Progress("period %d: entities verified and scored", p.Year)
	if err := l.clk.set(orDefault(p.ObjectionFrom, p.ReviewTo), 9); err != nil {
		return err
	}
	for _, pe := range p.Entities {
		if pe.Assessed && (pe.State == EntityFinal || pe.State == EntityPublished) {
			if _, err := l.svc.Finalize(ctx, sys, period.ID, l.entities[pe.EntityCode].ID); err != nil {
				return fmt.Errorf("finalize %s: %w", pe.EntityCode, err)
			}
		}
	}
	return nil
}

// each runs fn(0..n-1) on the loader's workers and returns the first error.
func (l *loader) each(n int, fn func(i int) error) error {
	if l.opts.Workers <= 1 {
		for i := 0; i < n; i++ {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for w := 0; w < l.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if first != nil || next >= n {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
