package framework

import (
	"bytes"
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// parentArgs returns the command line of process pid, or nil, from kern.procargs2: argc, the executable path, padding,
// then the arguments, each NUL-terminated.
func parentArgs(pid int) []string {
	b, err := unix.SysctlRaw("kern.procargs2", pid)
	if err != nil || len(b) < 4 {
		return nil
	}
	argc := int(binary.LittleEndian.Uint32(b[:4]))
	rest := b[4:]
	i := bytes.IndexByte(rest, 0) // end of the executable path
	if i < 0 {
		return nil
	}
	rest = bytes.TrimLeft(rest[i:], "\x00")
	args := make([]string, 0, argc)
	for len(args) < argc && len(rest) > 0 {
		j := bytes.IndexByte(rest, 0)
		if j < 0 {
			j = len(rest)
		}
		args = append(args, string(rest[:j]))
		if j == len(rest) {
			break
		}
		rest = rest[j+1:]
	}
	return args
}

// processStart is not read on macOS: every plan-time check runs at apply too.
func processStart(int) string { return "" }
