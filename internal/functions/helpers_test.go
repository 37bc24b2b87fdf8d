package functions_test

import "github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

func tfjsonPath(key string) tfjsonpath.Path { return tfjsonpath.New(key) }
