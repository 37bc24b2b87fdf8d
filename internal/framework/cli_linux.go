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

// processStart returns when process pid started, in clock ticks since boot (field 22 of /proc/pid/stat), or "": with
// the PID it names one process, never a later one that reuses the PID.
func processStart(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')') // the command name may hold spaces and parentheses
	if i < 0 {
		return ""
	}
	fields := strings.Fields(s[i+1:]) // from field 3 (state) on
	if len(fields) < 20 {
		return ""
	}
	return fields[19]
}
