package framework

import (
	"os"
	"runtime"
	"testing"
)

func TestDestroyCommand(t *testing.T) {
	none := func(string) string { return "" }
	cases := []struct {
		argv []string
		env  map[string]string
		want bool
	}{
		{[]string{"terraform", "destroy", "-auto-approve"}, nil, true},
		{[]string{"/usr/bin/tofu", "-chdir=infra", "destroy"}, nil, true},
		{[]string{"terraform", "apply", "-destroy"}, nil, true},
		{[]string{"terraform", "plan", "--destroy=true", "-out=x"}, nil, true},
		{[]string{"terraform", "plan", "-destroy=false"}, nil, false},
		{[]string{"terraform", "apply", "-auto-approve"}, nil, false},
		{[]string{"terraform", "plan"}, map[string]string{"TF_CLI_ARGS_plan": "-destroy"}, true},
		{[]string{"terraform", "plan"}, map[string]string{"TF_CLI_ARGS_apply": "-destroy"}, false},
		{[]string{"terraform"}, nil, false},
		{[]string{"go", "test", "./..."}, nil, false},
		{nil, nil, false},
	}
	for _, c := range cases {
		getenv := none
		if c.env != nil {
			getenv = func(k string) string { return c.env[k] }
		}
		if got := destroyCommand(c.argv, getenv); got != c.want {
			t.Errorf("%q %v: %v, want %v", c.argv, c.env, got, c.want)
		}
	}
}

// The provider reads its parent's command line; a test binary's parent is not destroying anything.
func TestParentArgs(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("parentArgs reads the command line on Linux (/proc) and macOS (sysctl); elsewhere it reports no command line (documented fallback)")
	}
	args := parentArgs(os.Getpid())
	if len(args) == 0 {
		t.Fatal("no command line read for this process")
	}
	if args[0] != os.Args[0] {
		t.Errorf("own command line = %q, want it to start with %q", args, os.Args[0])
	}
}
