package assessment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// GenesisHash is the previous hash of the first row of every chain.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// CanonicalJSON rewrites a JSON document in one canonical form (object keys
// sorted, no insignificant space, numbers as written), so that a value hashes
// the same before it is stored and after PostgreSQL's jsonb returns it.
func CanonicalJSON(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// AuditHash computes the hash of an audit row from its content and the hash
// of the previous row of its chain. Times count to the microsecond, the
// precision PostgreSQL keeps.
func AuditHash(e AuditEntry) (string, error) {
	rest, err := AuditHashTail(e)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(strconv.Itoa(len(e.PrevHash))))
	h.Write([]byte{':'})
	h.Write([]byte(e.PrevHash))
	h.Write(rest)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// AuditHashTail is what AuditHash hashes after the previous hash: a row's
// hash is the SHA-256 of len(prev) ":" prev followed by these bytes, so
// that a store can chain a row to the last one in the statement that
// inserts it (and must give back the row as AuditHash computes it).
func AuditHashTail(e AuditEntry) ([]byte, error) {
	oldJ, err := CanonicalJSON(e.Old)
	if err != nil {
		return nil, fmt.Errorf("audit old value: %w", err)
	}
	newJ, err := CanonicalJSON(e.New)
	if err != nil {
		return nil, fmt.Errorf("audit new value: %w", err)
	}
	var b bytes.Buffer
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	field(e.Chain)
	field(e.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano))
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.Actor)
	field(e.Action)
	field(e.ObjectType)
	field(e.ObjectID)
	field(strconv.FormatInt(e.PeriodID, 10))
	field(strconv.FormatInt(e.EntityID, 10))
	field(string(oldJ))
	field(string(newJ))
	field(e.Reason)
	return b.Bytes(), nil
}

// AuditProblem is the first row of the log that breaks its chain.
type AuditProblem struct {
	ID     int64
	Chain  string
	Reason string
}

func (p *AuditProblem) Error() string {
	return fmt.Sprintf("audit log row %d (chain %s): %s", p.ID, p.Chain, p.Reason)
}

// AuditVerifier checks rows in id order, one chain at a time.
type AuditVerifier struct {
	last  map[string]string
	Rows  int
	first *AuditProblem
}

// NewAuditVerifier returns a verifier with no rows seen.
func NewAuditVerifier() *AuditVerifier { return &AuditVerifier{last: map[string]string{}} }

// Check verifies the next row; it returns the first problem found.
func (v *AuditVerifier) Check(e AuditEntry) *AuditProblem {
	v.Rows++
	prev, ok := v.last[e.Chain]
	if !ok {
		prev = GenesisHash
	}
	v.last[e.Chain] = e.Hash
	if v.first != nil {
		return v.first
	}
	if e.PrevHash != prev {
		v.first = &AuditProblem{e.ID, e.Chain, "its previous hash does not match the row before it in the chain (a row was removed, inserted or altered)"}
		return v.first
	}
	want, err := AuditHash(e)
	if err != nil {
		v.first = &AuditProblem{e.ID, e.Chain, err.Error()}
		return v.first
	}
	if want != e.Hash {
		v.first = &AuditProblem{e.ID, e.Chain, "its content does not match its hash (the row was altered)"}
	}
	return v.first
}
