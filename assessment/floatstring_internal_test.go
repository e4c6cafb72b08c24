package assessment

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// floatString4 gives what big.Rat's FloatString(4) gives, in and out of its
// int64 range, halves included.
func TestFloatString4(t *testing.T) {
	cases := []*big.Rat{big.NewRat(0, 1), big.NewRat(1, 20000), big.NewRat(3, 20000), big.NewRat(-1, 20000), big.NewRat(1505, 100),
		big.NewRat(2185, 100), big.NewRat(1, 3), big.NewRat(2, 3), big.NewRat(100, 1), big.NewRat(-7, 3),
		big.NewRat(math.MaxInt64/20000, 7), big.NewRat(math.MaxInt64/20000+1, 7), big.NewRat(1, math.MaxInt64)}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		cases = append(cases, big.NewRat(rng.Int64N(100_000_000), 1+rng.Int64N(1_000_000)))
	}
	for _, r := range cases {
		if got, want := floatString4(r), r.FloatString(4); got != want {
			t.Fatalf("%s: floatString4 %s, FloatString %s", r, got, want)
		}
	}
}
