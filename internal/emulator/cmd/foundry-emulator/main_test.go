package main

import (
	"io"
	"maps"
	"testing"
	"time"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator"
)

// The program's timing: Azure-like by default, one duration with -async-duration, none with -fast; -duration sets
// single operations on top.
func TestTimingFlags(t *testing.T) {
	azure := emulator.AzureLikeDurations()
	withAccount := maps.Clone(azure)
	withAccount[emulator.OpAccountCreate] = 30 * time.Second
	for _, tc := range []struct {
		name       string
		args       []string
		async      time.Duration
		durations  map[string]time.Duration
		retryAfter int
		wantErr    bool
	}{
		{"defaults are Azure-like", nil, 0, azure, emulator.AzureLikeRetryAfter, false},
		{"fast", []string{"-fast"}, 0, nil, 1, false},
		{"fast keeps an explicit Retry-After", []string{"-fast", "-retry-after", "3"}, 0, nil, 3, false},
		{"one duration", []string{"-async-duration", "2s"}, 2 * time.Second, nil, emulator.AzureLikeRetryAfter, false},
		{"one operation on top of the defaults", []string{"-duration", "accounts/create=30s"}, 0, withAccount, emulator.AzureLikeRetryAfter, false},
		{"one operation on top of fast", []string{"-fast", "-duration", "accounts/create=30s"}, 0, map[string]time.Duration{emulator.OpAccountCreate: 30 * time.Second}, 1, false},
		{"Retry-After 0 is sent as 0", []string{"-retry-after", "0"}, 0, azure, -1, false},
		{"fast and one duration exclude each other", []string{"-fast", "-async-duration", "2s"}, 0, nil, 0, true},
		{"unknown operation", []string{"-duration", "accounts/dance=1s"}, 0, nil, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.args, io.Discard)
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.opts.AsyncDuration != tc.async || !maps.Equal(cfg.opts.Durations, tc.durations) || cfg.opts.RetryAfter != tc.retryAfter {
				t.Fatalf("async %v, durations %v, retry-after %d; want %v, %v, %d", cfg.opts.AsyncDuration, cfg.opts.Durations, cfg.opts.RetryAfter,
					tc.async, tc.durations, tc.retryAfter)
			}
		})
	}
}
