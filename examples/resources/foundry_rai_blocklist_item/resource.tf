variable "blocklist_id" {
  description = "ARM ID of a foundry_rai_blocklist whose items another configuration manages."
  type        = string
}

# One item owned by this configuration; the blocklist's own items must use other names.
resource "foundry_rai_blocklist_item" "codename" {
  blocklist_id = var.blocklist_id
  name         = "codename-falcon"
  pattern      = "falcon ?(one|1)"
  is_regex     = true
}
