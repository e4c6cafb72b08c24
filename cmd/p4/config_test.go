package main

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfig(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "db-url")
	if err := os.WriteFile(secret, []byte("postgres://p4:s3cret@db:5432/p4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		env     map[string]string
		needDB  bool
		wantVar string // ConfigError.Var expected, "" for success
		check   func(t *testing.T, c Config)
	}{
		{"defaults", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4"}, true, "", func(t *testing.T, c Config) {
			if c.Addr != "127.0.0.1:8080" || c.DataDir != ".data/files" || c.LogFormat != "text" || c.ShutdownTimeout != 30*time.Second || c.MaxDBConns != 20 {
				t.Errorf("got %+v", c)
			}
		}},
		{"url from file", map[string]string{"P4_DATABASE_URL_FILE": secret}, true, "", func(t *testing.T, c Config) {
			if c.DatabaseURL != "postgres://p4:s3cret@db:5432/p4" {
				t.Errorf("got %q", c.DatabaseURL)
			}
		}},
		{"missing url", map[string]string{}, true, "P4_DATABASE_URL", nil},
		{"missing url not needed", map[string]string{}, false, "", nil},
		{"both url and file", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_DATABASE_URL_FILE": secret}, true, "P4_DATABASE_URL", nil},
		{"unreadable file", map[string]string{"P4_DATABASE_URL_FILE": "/nonexistent/x"}, true, "P4_DATABASE_URL_FILE", nil},
		{"not a postgres url", map[string]string{"P4_DATABASE_URL": "mysql://h/p4"}, true, "P4_DATABASE_URL", nil},
		{"bad addr", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_ADDR": "8080"}, true, "P4_ADDR", nil},
		{"bad log format", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_LOG_FORMAT": "xml"}, true, "P4_LOG_FORMAT", nil},
		{"bad log level", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_LOG_LEVEL": "loud"}, true, "P4_LOG_LEVEL", nil},
		{"bad timeout", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_SHUTDOWN_TIMEOUT": "soon"}, true, "P4_SHUTDOWN_TIMEOUT", nil},
		{"bad conns", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_DB_MAX_CONNS": "12x"}, true, "P4_DB_MAX_CONNS", nil},
		{"trusted proxies", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1"}, true, "", func(t *testing.T, c Config) {
			if len(c.TrustedProxies) != 2 || c.TrustedProxies[0] != "10.0.0.0/8" {
				t.Errorf("got %v", c.TrustedProxies)
			}
		}},
		{"bad trusted proxy", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_TRUSTED_PROXIES": "proxy.local"}, true, "P4_TRUSTED_PROXIES", nil},
		{"bad public url", map[string]string{"P4_DATABASE_URL": "postgres://a@h/p4", "P4_PUBLIC_URL": "p4.example"}, true, "P4_PUBLIC_URL", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(envOf(tc.env), tc.needDB)
			if tc.wantVar == "" {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				if tc.check != nil {
					tc.check(t, c)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Var != tc.wantVar {
				t.Fatalf("got %v, want a ConfigError for %s", err, tc.wantVar)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestConfigPrintMasksSecrets(t *testing.T) {
	c, err := loadConfig(envOf(map[string]string{"P4_DATABASE_URL": "postgres://p4:s3cret@db:5432/p4"}), true)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	c.print(&b)
	if strings.Contains(b.String(), "s3cret") {
		t.Fatalf("printed config shows the password:\n%s", b.String())
	}
	if !strings.Contains(b.String(), "postgres://p4:xxxxx@db:5432/p4") {
		t.Fatalf("printed config lacks the masked URL:\n%s", b.String())
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
