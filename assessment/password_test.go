package assessment

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	h, err := HashPassword("kata sandi yang panjang")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("hash format: %s", h)
	}
	h2, _ := HashPassword("kata sandi yang panjang")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	cases := []struct {
		name, hash, pw string
		want           bool
	}{
		{"right", h, "kata sandi yang panjang", true},
		{"wrong", h, "kata sandi yang pendek", false},
		{"empty", h, "", false},
		{"garbage hash", "not-a-hash", "x", false},
		{"other algorithm", "$2a$10$abcdefghijklmnopqrstuv", "x", false},
		{"truncated", h[:len(h)-10], "kata sandi yang panjang", false},
	}
	for _, tc := range cases {
		if got := CheckPassword(tc.hash, tc.pw); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAuditHashChangesWithEveryField(t *testing.T) {
	base := AuditEntry{Chain: "ua:1", Actor: "penilai", Action: "answer.save", ObjectType: "answer", ObjectID: "7",
		New: []byte(`{"value": 2, "note": "ok"}`), PrevHash: GenesisHash}
	h0, err := AuditHash(base)
	if err != nil {
		t.Fatal(err)
	}
	// jsonb returns the same document with other spacing and key order: same hash.
	same := base
	same.New = []byte(`{"note":"ok","value":2}`)
	if h, _ := AuditHash(same); h != h0 {
		t.Fatal("canonical JSON: reformatted value changed the hash")
	}
	changes := []func(*AuditEntry){
		func(e *AuditEntry) { e.Chain = "ua:2" },
		func(e *AuditEntry) { e.Actor = "orang lain" },
		func(e *AuditEntry) { e.Action = "answer.delete" },
		func(e *AuditEntry) { e.ObjectID = "8" },
		func(e *AuditEntry) { e.New = []byte(`{"value": 3, "note": "ok"}`) },
		func(e *AuditEntry) { e.Reason = "x" },
		func(e *AuditEntry) { e.PrevHash = strings.Repeat("1", 64) },
		func(e *AuditEntry) { e.EntityID = 5 },
	}
	for i, ch := range changes {
		e := base
		ch(&e)
		if h, _ := AuditHash(e); h == h0 {
			t.Errorf("change %d did not change the hash", i)
		}
	}
}
