package framework

import (
	"os"
	"strings"
)

// Destroying reports whether the Terraform or OpenTofu command that started the provider destroys: `destroy`, or
// `apply`/`plan` with `-destroy`. Before a destroy, Terraform runs a normal plan of the whole configuration to refresh
// the state (hashicorp/terraform#32208), and nothing in the plugin protocol tells the provider that this plan's only
// purpose is to destroy (hashicorp/terraform#33908): a plan-time check of a resource that was never created would
// then block the destroy of everything else, and so would a validator of such a resource. The command line of the CLI,
// the provider's parent process, says it.
// Where it cannot be read (Windows, a provider started by a debugger or a test harness), the answer is false and the
// checks run as in any plan.
func Destroying(getenv func(string) string) bool {
	return destroyCommand(parentArgs(os.Getppid()), getenv)
}

// destroyCommand reads a CLI command line (argv, the program first) and the TF_CLI_ARGS variables the CLI adds to it.
func destroyCommand(argv []string, getenv func(string) string) bool {
	if len(argv) < 2 {
		return false
	}
	args := append(strings.Fields(getenv("TF_CLI_ARGS")), argv[1:]...)
	sub := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			sub = a
			break
		}
	}
	switch sub {
	case "destroy":
		return true
	case "apply", "plan":
		args = append(args, strings.Fields(getenv("TF_CLI_ARGS_"+sub))...)
		destroy := false
		for _, a := range args {
			switch strings.TrimLeft(a, "-") {
			case "destroy", "destroy=true":
				destroy = strings.HasPrefix(a, "-")
			case "destroy=false":
				destroy = false
			}
		}
		return destroy
	}
	return false
}
