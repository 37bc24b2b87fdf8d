package project

import "testing"

func TestGUID(t *testing.T) {
	cases := map[string]string{
		"0123456789abcdef0123456789ABCDEF":     "01234567-89ab-cdef-0123-456789abcdef",
		"01234567-89ab-cdef-0123-456789abcdef": "01234567-89ab-cdef-0123-456789abcdef",
		"":                                     "",
		"0123":                                 "",
		"0123456789abcdef0123456789abcdeg":     "",
	}
	for in, want := range cases {
		got := guid(in)
		if (got == nil) != (want == "") || (got != nil && *got != want) {
			t.Errorf("guid(%q) = %v, want %q", in, got, want)
		}
	}
}
