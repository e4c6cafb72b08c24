package api_test

import "os"

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "p4-seed-") }
