package standardsetup_test

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/compare"
)

type compareSame struct{}

func (compareSame) CompareValues(values ...any) error {
	if len(values) == 2 && fmt.Sprint(values[0]) != fmt.Sprint(values[1]) {
		return fmt.Errorf("%v differs from %v", values[0], values[1])
	}
	return nil
}

func compareSameValue() compare.ValueComparer { return compare.ValuesSame() }
