package scoring

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Score is a published number with exactly two decimals, stored as hundredths
// (9410 is 94.10). It marshals to the JSON number 94.10 and to the text "94.10".
type Score int64

// MaxScore is 100.00, the highest score a unit or an entity can have.
const MaxScore Score = 10000

// maxDecimalLen bounds the decimals this package parses, so no input can ask
// for huge numbers (big.Rat.SetString would accept "1e99999999").
const maxDecimalLen = 40

// ParseScore reads a plain decimal with at most two decimals ("94.1", "94.10",
// "-3.5"). Exponents, more decimals and other forms are rejected.
func ParseScore(s string) (Score, error) {
	r, err := parseDecimal(s, true)
	if err != nil {
		return 0, err
	}
	h := new(big.Rat).Mul(r, big.NewRat(100, 1))
	if !h.IsInt() {
		return 0, fmt.Errorf("%q has more than 2 decimals", s)
	}
	if !h.Num().IsInt64() || h.Num().Int64() > 1e15 || h.Num().Int64() < -1e15 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return Score(h.Num().Int64()), nil
}

// ScoreFromRat rounds r half up to two decimals (half away from zero for a
// negative r, so that rounding is symmetric for score differences).
func ScoreFromRat(r *big.Rat) Score {
	num := new(big.Int).Mul(r.Num(), big.NewInt(200))
	den := new(big.Int).Mul(r.Denom(), big.NewInt(2))
	neg := num.Sign() < 0
	if neg {
		num.Neg(num)
	}
	// floor((200·n + d) / (2·d)) = floor(100·r + 1/2)
	num.Add(num, r.Denom())
	q := new(big.Int).Quo(num, den)
	if neg {
		q.Neg(q)
	}
	return Score(q.Int64())
}

// Rat returns the exact value of s.
func (s Score) Rat() *big.Rat { return big.NewRat(int64(s), 100) }

// String formats s with exactly two decimals: "94.10", "-0.50".
func (s Score) String() string {
	v := int64(s)
	b := make([]byte, 0, 24)
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	return string(append(b, '.', byte('0'+v%100/10), byte('0'+v%10)))
}

// MarshalText renders s as "94.10".
func (s Score) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a decimal with at most two decimals.
func (s *Score) UnmarshalText(b []byte) error {
	v, err := ParseScore(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalJSON renders s as the JSON number 94.10 (always two decimals).
func (s Score) MarshalJSON() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalJSON reads a JSON number or string with at most two decimals.
func (s *Score) UnmarshalJSON(b []byte) error {
	str := string(b)
	if uq, err := strconv.Unquote(str); err == nil {
		str = uq
	}
	return s.UnmarshalText([]byte(str))
}

// parseDecimal reads a plain decimal ("21.85", "0.2", "7"); with signed, a
// leading "-" is allowed. No exponents, no fractions, bounded length.
func parseDecimal(s string, signed bool) (*big.Rat, error) {
	body := s
	if signed && strings.HasPrefix(body, "-") {
		body = body[1:]
	}
	if body == "" || len(s) > maxDecimalLen {
		return nil, fmt.Errorf("%q is not a plain decimal number", s)
	}
	intPart, frac, hasDot := strings.Cut(body, ".")
	if intPart == "" || (hasDot && frac == "") || !allDigits(intPart) || !allDigits(frac) {
		return nil, fmt.Errorf("%q is not a plain decimal number", s)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, fmt.Errorf("%q is not a plain decimal number", s)
	}
	return r, nil
}

// parseWeight reads an exact non-negative weight: a plain decimal ("0.25") or a
// fraction of two integers ("1/11").
func parseWeight(s string) (*big.Rat, error) {
	if n, d, ok := strings.Cut(s, "/"); ok {
		if n == "" || d == "" || !allDigits(n) || !allDigits(d) || len(s) > maxDecimalLen {
			return nil, fmt.Errorf("%q is not a fraction like \"1/11\"", s)
		}
		den, _ := new(big.Int).SetString(d, 10)
		if den.Sign() == 0 {
			return nil, errors.New("fraction with denominator 0")
		}
		num, _ := new(big.Int).SetString(n, 10)
		return new(big.Rat).SetFrac(num, den), nil
	}
	return parseDecimal(s, false)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ratString renders r exactly: as a decimal when it has a finite one with at
// most 10 decimals, else as a fraction "1/11".
func ratString(r *big.Rat) string {
	for prec := 0; prec <= 10; prec++ {
		s := r.FloatString(prec)
		if back, ok := new(big.Rat).SetString(s); ok && back.Cmp(r) == 0 {
			return s
		}
	}
	return r.RatString()
}
