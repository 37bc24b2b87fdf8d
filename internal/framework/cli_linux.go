package framework

import (
	"os"
	"strconv"
	"strings"
)

// parentArgs returns the command line of process pid, or nil.
func parentArgs(pid int) []string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil || len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}
