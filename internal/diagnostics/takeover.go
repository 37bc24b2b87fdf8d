package diagnostics

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// AlreadyExists refuses to create an object that exists already and that this configuration did not create: taking
// it over would overwrite it, and destroying this configuration would delete it. why says how the provider knows it is
// not this configuration's (""), and the detail gives the import block and command that make taking it over the
// user's explicit act. tfType is the Terraform type (foundry_project): the provider is not told the resource's
// address, so the name is a placeholder, and Terraform prints the address under the error ("with foundry_project.x").
func AlreadyExists(tfType, object, id, why string) diag.Diagnostic {
	if why != "" {
		why = " " + why
	}
	return diag.NewErrorDiagnostic("Unable to create "+object, fmt.Sprintf(
		"Creating %s %q failed: %s %s with this ID already exists, and this configuration did not create it.%s "+
			"Terraform does not take over what it did not create: applying would overwrite it, and destroying this "+
			"configuration would delete it.\n\n"+
			"To manage it with Terraform, import it: add this block to the configuration, with the resource's address "+
			"(Terraform names it with this error: \"with %s.<name>\") in place of %s.<name>, and apply again:\n\n"+
			"import {\n  to = %s.<name>\n  id = %q\n}\n\n"+
			"or run: terraform import %s.<name> %q\n\n"+
			"To leave it alone, give this resource another name.",
		object, id, article(object), object, why, tfType, tfType, tfType, id, tfType, id))
}

// ResumedCreate says that a create took over an object that this working directory's own earlier create made and
// Terraform never saved (it was interrupted), instead of refusing it.
func ResumedCreate(object, id string) diag.Diagnostic {
	return diag.NewWarningDiagnostic("Resumed an interrupted create", fmt.Sprintf(
		"%s %q exists, and this working directory started creating it earlier, after which Terraform was stopped before it "+
			"saved the %s in its state. The %s is taken into state and brought to the configuration.", capitalise(object), id, object, object))
}

func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an"
	}
	return "a"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
