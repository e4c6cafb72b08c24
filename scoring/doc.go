// Package scoring turns a P4 method (bands, roll-up and rounding rules, and
// the instrument: dimensions, variables, indicators) and the answers given for
// service units into exact scores, categories, zones, ranks and explanations.
//
// It is pure: no I/O, no clock, no map iteration order in any result, and only
// the standard library. Arithmetic is exact (math/big.Rat and integers, never
// float64); published numbers are [Score] values, fixed-point with two decimals,
// rounded half up where the method says. File formats and computation rules
// for users: docs/INSTRUMENT.md.
//
// # Vocabulary
//
// The published band letter (kategori A–E) is called Category; the kind of an
// entity (pemprov, pemkab, pemkot, kantah, polres, kementerian, lembaga) is
// called [Kind], so that the JSON key "category" always means the band, as in
// the published tables. A [PeerGroup] is a set of entities ranked together:
// one per Kind nationally, plus [GroupPemda] (pemprov+pemkab+pemkot) per province.
//
// # Methods and instruments
//
// A method file (format "p4-method/1", JSON) holds one [Method] and,
// optionally, its [Instrument]:
//
//	func ParseFile(data []byte) (*Method, error)          // strict; *ValidationError lists every problem with its JSON path
//	func (m *Method) Validate() error                      // the same semantic rules for a Method built in Go
//	func Preset(name string) (*Method, error)              // "2021", "2022", "2025", parsed from embedded files
//	func Presets() []string
//	func PresetFile(name string) ([]byte, error)            // the embedded file, for `p4 instrument export`
//	func Classify(m *Method, s Score) (Band, error)         // band of a rounded score, lower bound inclusive
//	func (m *Method) LookupBand(label string) (Band, bool)  // "C", "Kualitas Sedang", alias "cukup", a unique zone
//	func (m *Method) Indicators() []*Indicator               // instrument order
//
// A Method must be validated (ParseFile, Preset or Validate) before scoring:
// validation resolves equal weights and prepares integer tables. Do not change
// a Method afterwards; a Method is safe for concurrent use by readers.
//
// # Inputs
//
// Plain structs the storage layer fills:
//
//	type Entity struct { ID, Name string; Kind Kind; Province string; NotAssessed bool; NotAssessedReason string;
//	                     FollowUp bool; Score *Score; StatedCategory string; Units []Unit }
//	type Unit   struct { ID, Name string; Weight *big.Rat; Score *Score; Answers map[string]Answer }
//	type Answer struct { Value int; NA bool }                 // Level(v), NotApplicable(); a missing map key is unanswered
//
// Entity.Score / Unit.Score carry an imported (given) score instead of units
// or answers; StatedCategory is a band label from an imported table, checked
// against the score. Files (formats "p4-answers/1" and "p4-scores/1"):
//
//	func ParseAnswers(data []byte) (*AnswersFile, error)              // the file's shape only
//	func ParseScores(data []byte) (*ScoresFile, error)
//	func CheckAnswers(m *Method, data []byte) (*AnswersFile, error)   // shape and method problems, all at once
//	func CheckScores(m *Method, data []byte) (*ScoresFile, error)
//
// # Computation
//
//	func ScoreUnit(m *Method, kind Kind, u Unit) (*UnitResult, error)
//	func ScoreEntity(m *Method, e Entity) (*EntityResult, error)
//	func ScorePeriod(m *Method, entities []Entity, prev *Previous) (*PeriodResult, error)
//	func Rank(current, previous []Standing, comparable bool) []RankRow
//	func PeerGroupsOf(k Kind, province string) []PeerGroup
//	func (r *PeriodResult) AsPrevious() *Previous
//
// Indicator ratio = answer / max; dimension ratio = weighted mean of the
// applicable indicators (N/A and indicators not meant for the entity's kind
// are removed and their weight re-shared); unit score = Σ dimension weight ×
// dimension ratio; entity score by the kind's roll-up rule (mean,
// weighted_mean, single); rounding half up to 2 decimals per the method's
// rounding rule (units_then_entity: 100, 100, 80.19, 92.92 → 93.28). Bands
// apply to the rounded score. Unanswered indicators count as 0 and make the
// result incomplete (Complete=false): a preview, never final. Ranks: by
// rounded score descending, equal scores share a rank (1, 2, 2, 4) and are
// listed by name; not-assessed entities are listed last, unranked.
//
// Invalid input (unknown indicator, value out of range, N/A where not allowed,
// duplicate ids, …) yields a *ValidationError whose paths are relative to the
// entity (units[2].answers["IN.KP.01"]) or, in ScorePeriod and the Check
// functions, to the file (entities[4].units[2].answers["IN.KP.01"]).
//
// Results keep unrounded values in fields tagged `json:"-"` (Exact…) for
// explanations; JSON carries the rounded [Score]s.
//
// # Explanations
//
//	func Explain(m *Method, e Entity, top int) (*Explanation, error)      // points lost per indicator, top improvements
//	func WhatIf(m *Method, e Entity, changes []Change) (*WhatIfResult, error)
//	func NextCategory(m *Method, e Entity) (*NextStep, error)            // fewest answer improvements to the next band
//
// # Closed sets and values
//
//	Score (int64 hundredths): ParseScore, ScoreFromRat, (Score).Rat, String, JSON 94.10, text "94.10"
//	Kind: ParseKind, Kinds, (Kind).IsPemda     Zone: ParseZone (green|yellow|red, hijau|kuning|merah)
//	Source: ParseSource     RollUp: ParseRollUp     Rounding: ParseRounding
//	ValidationError{Problems []Problem}, Problem{Path, Code, Message}; Code is one of the Code* constants.
package scoring
