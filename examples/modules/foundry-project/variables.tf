variable "account_id" {
  description = "ARM ID of the Foundry resource (foundry_account.id) that holds the project. It must allow projects (project_management_enabled) and have a custom subdomain."
  type        = string

  validation {
    condition     = can(regex("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.CognitiveServices/accounts/[^/]+$", var.account_id))
    error_message = "account_id must be the ARM ID of a Foundry resource: /subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{name}."
  }
}

variable "name" {
  description = "Name of the project. Connection names are derived from it, so it is limited to letters, digits and hyphens."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,23}$", var.name))
    error_message = "name must be 2 to 24 lower-case letters, digits and hyphens, starting with a letter or digit (the platform naming rule; it leaves room for connection names)."
  }
}

variable "display_name" {
  description = "Name shown in the Foundry portal. Azure cannot clear it once set."
  type        = string
  default     = null
}

variable "description" {
  description = "Description of the project. Azure cannot clear it once set."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of the project. The module adds managed-by = \"terraform\"."
  type        = map(string)
  default     = {}
}

variable "connections" {
  description = <<-EOT
    Project connections by key. Each becomes a connection named "<name>-<key>", so names stay unique across the
    account (projects and the account share one connection namespace). They are keyless: Microsoft Entra ID with the
    project's managed identity (auth type AAD), so grant principal_id a role on each target; no secret reaches the
    state.
  EOT
  type = map(object({
    category = string
    target   = string
    metadata = optional(map(string))
  }))
  default = {}

  validation {
    condition     = alltrue([for k in keys(var.connections) : can(regex("^[a-z0-9][a-z0-9-]{0,7}$", k))])
    error_message = "connection keys must be 1 to 8 lower-case letters, digits and hyphens (the key is the suffix of the connection name)."
  }

  validation {
    condition     = alltrue([for c in values(var.connections) : startswith(c.target, "https://")])
    error_message = "connection targets must be https:// URLs."
  }
}
