package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is everything p4 reads from its environment. Defaults live here;
// nothing else reads environment variables.
type Config struct {
	DatabaseURL     string        // P4_DATABASE_URL (secret; or P4_DATABASE_URL_FILE)
	Addr            string        // P4_ADDR
	DataDir         string        // P4_DATA_DIR
	LogFormat       string        // P4_LOG_FORMAT: text or json
	LogLevel        string        // P4_LOG_LEVEL: debug, info, warn, error
	PublicURL       string        // P4_PUBLIC_URL: how users reach p4 (https makes cookies Secure)
	ShutdownTimeout time.Duration // P4_SHUTDOWN_TIMEOUT
	MaxDBConns      int           // P4_DB_MAX_CONNS
	TrustedProxies  []string      // P4_TRUSTED_PROXIES
}

// ConfigError names the variable that stopped startup and why.
type ConfigError struct {
	Var    string
	Reason string
}

func (e *ConfigError) Error() string { return e.Var + ": " + e.Reason }

// configVar documents one variable for --help and the startup print.
type configVar struct {
	name, def, help string
	secret          bool
}

var configVars = []configVar{
	{"P4_DATABASE_URL", "", "PostgreSQL URL, e.g. postgres://user:pass@host:5432/p4 (required; or P4_DATABASE_URL_FILE)", true},
	{"P4_ADDR", "127.0.0.1:8080", "host:port to listen on", false},
	{"P4_DATA_DIR", ".data/files", "folder for evidence files and exports", false},
	{"P4_LOG_FORMAT", "text", "log format: text or json", false},
	{"P4_LOG_LEVEL", "info", "log level: debug, info, warn or error", false},
	{"P4_PUBLIC_URL", "", "URL users reach p4 at; https:// marks cookies Secure", false},
	{"P4_SHUTDOWN_TIMEOUT", "30s", "how long SIGTERM waits for requests in flight", false},
	{"P4_DB_MAX_CONNS", "20", "maximum open database connections of this process", false},
	{"P4_TRUSTED_PROXIES", "", "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For is believed", false},
}

// loadConfig reads the configuration from getenv. needDB says whether the
// command cannot run without a database URL.
func loadConfig(getenv func(string) string, needDB bool) (Config, error) {
	get := func(name string) (string, error) {
		if file := getenv(name + "_FILE"); file != "" {
			if getenv(name) != "" {
				return "", &ConfigError{name, "set both " + name + " and " + name + "_FILE; choose one"}
			}
			b, err := os.ReadFile(file)
			if err != nil {
				return "", &ConfigError{name + "_FILE", "cannot read " + file + ": " + errors.Unwrap(err).Error()}
			}
			return strings.TrimSpace(string(b)), nil
		}
		if v := getenv(name); v != "" {
			return v, nil
		}
		for _, cv := range configVars {
			if cv.name == name {
				return cv.def, nil
			}
		}
		return "", nil
	}
	var c Config
	var err error
	if c.DatabaseURL, err = get("P4_DATABASE_URL"); err != nil {
		return c, err
	}
	if c.DatabaseURL == "" && needDB {
		return c, &ConfigError{"P4_DATABASE_URL", "not set: give the PostgreSQL URL (`make run` starts a local PostgreSQL and sets it)"}
	}
	if c.DatabaseURL != "" {
		u, perr := url.Parse(c.DatabaseURL)
		if perr != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return c, &ConfigError{"P4_DATABASE_URL", "not a postgres:// URL with a host"}
		}
	}
	if c.Addr, err = get("P4_ADDR"); err != nil {
		return c, err
	}
	if _, port, perr := net.SplitHostPort(c.Addr); perr != nil || port == "" {
		return c, &ConfigError{"P4_ADDR", fmt.Sprintf("%q is not host:port (e.g. 127.0.0.1:8080)", c.Addr)}
	}
	if c.DataDir, err = get("P4_DATA_DIR"); err != nil {
		return c, err
	}
	if c.LogFormat, err = get("P4_LOG_FORMAT"); err != nil {
		return c, err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, &ConfigError{"P4_LOG_FORMAT", fmt.Sprintf("%q is neither text nor json", c.LogFormat)}
	}
	if c.LogLevel, err = get("P4_LOG_LEVEL"); err != nil {
		return c, err
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return c, &ConfigError{"P4_LOG_LEVEL", fmt.Sprintf("%q is not one of debug, info, warn, error", c.LogLevel)}
	}
	if c.PublicURL, err = get("P4_PUBLIC_URL"); err != nil {
		return c, err
	}
	if c.PublicURL != "" {
		u, perr := url.Parse(c.PublicURL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, &ConfigError{"P4_PUBLIC_URL", fmt.Sprintf("%q is not an http(s):// URL", c.PublicURL)}
		}
	}
	s, err := get("P4_SHUTDOWN_TIMEOUT")
	if err != nil {
		return c, err
	}
	if c.ShutdownTimeout, err = time.ParseDuration(s); err != nil || c.ShutdownTimeout <= 0 {
		return c, &ConfigError{"P4_SHUTDOWN_TIMEOUT", fmt.Sprintf("%q is not a positive duration such as 30s", s)}
	}
	s, err = get("P4_DB_MAX_CONNS")
	if err != nil {
		return c, err
	}
	if _, serr := fmt.Sscanf(s, "%d", &c.MaxDBConns); serr != nil || c.MaxDBConns < 1 || fmt.Sprint(c.MaxDBConns) != s {
		return c, &ConfigError{"P4_DB_MAX_CONNS", fmt.Sprintf("%q is not a positive whole number", s)}
	}
	s, err = get("P4_TRUSTED_PROXIES")
	if err != nil {
		return c, err
	}
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return c, &ConfigError{"P4_TRUSTED_PROXIES", fmt.Sprintf("%q is neither an IP address nor a CIDR", p)}
		}
		c.TrustedProxies = append(c.TrustedProxies, p)
	}
	return c, nil
}

// print writes the effective configuration with secrets masked.
func (c Config) print(w io.Writer) {
	vals := map[string]string{
		"P4_DATABASE_URL":     maskURL(c.DatabaseURL),
		"P4_ADDR":             c.Addr,
		"P4_DATA_DIR":         c.DataDir,
		"P4_LOG_FORMAT":       c.LogFormat,
		"P4_LOG_LEVEL":        c.LogLevel,
		"P4_PUBLIC_URL":       c.PublicURL,
		"P4_SHUTDOWN_TIMEOUT": c.ShutdownTimeout.String(),
		"P4_DB_MAX_CONNS":     fmt.Sprint(c.MaxDBConns),
		"P4_TRUSTED_PROXIES":  strings.Join(c.TrustedProxies, ","),
	}
	fmt.Fprintln(w, "configuration:")
	for _, v := range configVars {
		fmt.Fprintf(w, "  %-20s %s\n", v.name, vals[v.name])
	}
}

// maskURL hides the password of a URL.
func maskURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable, hidden)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func configHelp() string {
	var b strings.Builder
	b.WriteString("Environment:\n")
	for _, v := range configVars {
		def := v.def
		if def == "" {
			def = "-"
		}
		fmt.Fprintf(&b, "  %-20s %s (default %s)\n", v.name, v.help, def)
	}
	b.WriteString("  Any variable may instead be read from a file named by NAME_FILE.\n")
	return b.String()
}
