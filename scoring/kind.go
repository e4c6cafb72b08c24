package scoring

import (
	"fmt"
	"strings"
)

// Kind is the kind of an assessed entity (the "category" of an entity in
// METHOD.md; see the package doc for why it is called Kind here).
type Kind string

// The kinds of entity, in the order results list them.
const (
	KindPemprov     Kind = "pemprov"     // provincial government
	KindPemkab      Kind = "pemkab"      // regency government
	KindPemkot      Kind = "pemkot"      // city government
	KindKantah      Kind = "kantah"      // land office (Kantor Pertanahan)
	KindPolres      Kind = "polres"      // police resort (Polres, Polresta)
	KindKementerian Kind = "kementerian" // ministry
	KindLembaga     Kind = "lembaga"     // national agency
)

var kinds = []Kind{KindPemprov, KindPemkab, KindPemkot, KindKantah, KindPolres, KindKementerian, KindLembaga}

// Kinds returns every kind, in listing order.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// ParseKind reads a kind code (case-insensitive).
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	for _, v := range kinds {
		if v == k {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q, want one of %s", s, kindList())
}

func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func (k Kind) order() int {
	for i, v := range kinds {
		if v == k {
			return i
		}
	}
	return len(kinds)
}

// IsPemda reports whether k is a local government (pemprov, pemkab, pemkot).
func (k Kind) IsPemda() bool { return k == KindPemprov || k == KindPemkab || k == KindPemkot }

// GroupPemda is the PeerGroup.Kind of the provincial view that ranks all local
// governments (pemprov, pemkab, pemkot) of one province together.
const GroupPemda = "pemda"

// PeerGroup is a set of entities ranked together: Kind is an entity kind
// (national group, Province empty) or GroupPemda (one province's local
// governments, Province set).
type PeerGroup struct {
	Kind     string `json:"kind"`
	Province string `json:"province,omitempty"`
}

// String renders the group as "pemkab" or "pemda/17".
func (g PeerGroup) String() string {
	if g.Province == "" {
		return g.Kind
	}
	return g.Kind + "/" + g.Province
}

func (g PeerGroup) less(o PeerGroup) bool {
	if (g.Province == "") != (o.Province == "") {
		return g.Province == "" // national groups first
	}
	if g.Province != o.Province {
		return g.Province < o.Province
	}
	return Kind(g.Kind).order() < Kind(o.Kind).order()
}

// PeerGroupsOf returns the groups an entity of kind k in the given province is
// ranked in: its kind nationally, and for a local government with a province
// code also the provincial pemda view.
func PeerGroupsOf(k Kind, province string) []PeerGroup {
	groups := []PeerGroup{{Kind: string(k)}}
	if k.IsPemda() && province != "" {
		groups = append(groups, PeerGroup{Kind: GroupPemda, Province: province})
	}
	return groups
}

// Zone is the colour a band is published with.
type Zone string

// The zones.
const (
	ZoneGreen  Zone = "green"
	ZoneYellow Zone = "yellow"
	ZoneRed    Zone = "red"
)

// ParseZone reads a zone in English or Indonesian ("green", "hijau", "Zona Kuning").
func ParseZone(s string) (Zone, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.TrimPrefix(v, "zona ")
	switch v {
	case "green", "hijau":
		return ZoneGreen, nil
	case "yellow", "kuning":
		return ZoneYellow, nil
	case "red", "merah":
		return ZoneRed, nil
	}
	return "", fmt.Errorf("unknown zone %q, want green, yellow or red", s)
}

// Source is where an indicator's evidence comes from.
type Source string

// The sources of evidence.
const (
	SourceInterview     Source = "interview"      // wawancara
	SourceObservation   Source = "observation"    // observasi
	SourceDocument      Source = "document"       // dokumen
	SourceUserSurvey    Source = "user_survey"    // survei pengguna layanan
	SourceSecondaryData Source = "secondary_data" // data sekunder (IPM, SPM, IKM, …)
)

// ParseSource reads a source code.
func ParseSource(s string) (Source, error) {
	switch v := Source(s); v {
	case SourceInterview, SourceObservation, SourceDocument, SourceUserSurvey, SourceSecondaryData:
		return v, nil
	}
	return "", fmt.Errorf("unknown source %q, want interview, observation, document, user_survey or secondary_data", s)
}

// RollUp is how an entity's score follows from its units' scores.
type RollUp string

// The roll-up rules.
const (
	RollUpMean         RollUp = "mean"          // arithmetic mean of the unit scores
	RollUpWeightedMean RollUp = "weighted_mean" // Σ weight×score / Σ weight, every unit has a weight
	RollUpSingle       RollUp = "single"        // exactly one unit, whose score is the entity's
)

// ParseRollUp reads a roll-up rule.
func ParseRollUp(s string) (RollUp, error) {
	switch v := RollUp(s); v {
	case RollUpMean, RollUpWeightedMean, RollUpSingle:
		return v, nil
	}
	return "", fmt.Errorf("unknown roll-up rule %q, want mean, weighted_mean or single", s)
}

// Rounding is where a method rounds (always half up to two decimals).
type Rounding string

// The rounding rules.
const (
	// RoundUnitsThenEntity rounds each unit score, rolls the rounded unit
	// scores up, and rounds the entity score (2022–2024 publications:
	// 100, 100, 80.19, 92.92 → 93.28).
	RoundUnitsThenEntity Rounding = "units_then_entity"
	// RoundEntityOnly rolls up exact unit scores and rounds only the entity score.
	RoundEntityOnly Rounding = "entity_only"
)

// ParseRounding reads a rounding rule.
func ParseRounding(s string) (Rounding, error) {
	switch v := Rounding(s); v {
	case RoundUnitsThenEntity, RoundEntityOnly:
		return v, nil
	}
	return "", fmt.Errorf("unknown rounding rule %q, want units_then_entity or entity_only", s)
}
