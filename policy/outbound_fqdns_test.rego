package foundry.outbound_fqdns_test

import data.foundry.outbound_fqdns

# The fixtures are real plans against the emulator (make policy-fixtures), loaded with --data fixtures.
test_pass_fixture if {
	count(outbound_fqdns.deny) == 0 with input as data.outbound_fqdns.pass
}

test_fail_fixture if {
	outbound_fqdns.deny == {
		`foundry_account_outbound_rule.anything: FQDN "*.example.com" is not in the allowed list (pypi.org, *.pythonhosted.org, github.com, *.blob.core.windows.net)`,
		`foundry_account_outbound_rule.paste: FQDN "pastebin.com" is not in the allowed list (pypi.org, *.pythonhosted.org, github.com, *.blob.core.windows.net)`,
		`foundry_account_outbound_rule.deep: FQDN "a.files.pythonhosted.org" is not in the allowed list (pypi.org, *.pythonhosted.org, github.com, *.blob.core.windows.net)`,
	} with input as data.outbound_fqdns.fail
}
