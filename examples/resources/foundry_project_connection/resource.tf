# The three connections of the standard agent setup: Cosmos DB, Storage and AI Search with Microsoft Entra ID
# (the project's managed identity), named after the resources they point at.
resource "foundry_project_connection" "cosmos" {
  project_id = foundry_project.example.id
  name       = "contoso-cosmos"
  category   = "CosmosDb"
  target     = "https://contoso-cosmos.documents.azure.com:443/"

  metadata = {
    ApiType    = "Azure"
    ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos"
    location   = "eastus"
  }

  aad {}
}

resource "foundry_project_connection" "storage" {
  project_id = foundry_project.example.id
  name       = "contosostorage"
  category   = "AzureStorageAccount"
  target     = "https://contosostorage.blob.core.windows.net/"

  metadata = {
    ApiType    = "Azure"
    ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.Storage/storageAccounts/contosostorage"
    location   = "eastus"
  }

  aad {}
}

resource "foundry_project_connection" "search" {
  project_id = foundry_project.example.id
  name       = "contoso-search"
  category   = "CognitiveSearch"
  target     = "https://contoso-search.search.windows.net"

  metadata = {
    ApiType    = "Azure"
    ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-foundry/providers/Microsoft.Search/searchServices/contoso-search"
    location   = "eastus"
  }

  aad {}
}
