# The customer-managed key is imported by the ARM ID of its account. ARM names only the vault's URI, so the import
# assumes the vault is in the account's resource group; if it is not, the first apply re-sends the same key once.
terraform import foundry_account_customer_managed_key.example /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.CognitiveServices/accounts/contoso-foundry
