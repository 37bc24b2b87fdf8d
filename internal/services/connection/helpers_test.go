package connection_test

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/foundrytf/terraform-provider-foundry/internal/acctest"
)

// credentialsAre checks what the emulator stored as the connection's credentials (ARM never returns them); want nil
// means none.
func credentialsAre(env *acctest.Env, address string, want map[string]any) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return fmt.Errorf("%s is not in state", address)
		}
		got, err := env.Server.ConnectionCredentials(rs.Primary.ID)
		if err != nil {
			return err
		}
		if len(got) == 0 && len(want) == 0 {
			return nil
		}
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("stored credentials of %s are %v, want %v", address, got, want)
		}
		return nil
	}
}

// terraformState is the state type of Check functions.
type terraformState = terraform.State

// noSecretIn fails when an attribute of address in state holds one of the secrets.
func noSecretIn(s *terraform.State, address string, secrets ...string) error {
	rs, ok := s.RootModule().Resources[address]
	if !ok || len(rs.Primary.Attributes) == 0 {
		return fmt.Errorf("%s is not in state", address)
	}
	for k, v := range rs.Primary.Attributes {
		for _, secret := range secrets {
			if strings.Contains(v, secret) {
				return fmt.Errorf("%s.%s holds a secret", address, k)
			}
		}
	}
	return nil
}

// noSecretInState fails when any attribute of any resource or data source in state holds one of the secrets.
func noSecretInState(secrets ...string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		n := 0
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				n++
				for _, secret := range secrets {
					if strings.Contains(v, secret) {
						return fmt.Errorf("%s.%s holds a secret", addr, k)
					}
				}
			}
		}
		if n == 0 {
			return fmt.Errorf("the state has no attributes; the check would prove nothing")
		}
		return nil
	}
}
