data "foundry_rai_content_filters" "eastus" {
  location = "eastus"
}

# The filters that take a severity threshold, and those that apply to one source only.
output "multi_level_filters" {
  value = [for f in data.foundry_rai_content_filters.eastus.content_filters : f.name if f.multi_level]
}

output "single_source_filters" {
  value = { for f in data.foundry_rai_content_filters.eastus.content_filters : f.name => f.source if f.source != null }
}
