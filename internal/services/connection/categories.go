package connection

// categories are the values of ConnectionCategory in the 2026-09-01 spec, in the spec's order. The list was generated
// from the spec once; TestCategoriesMatchSpec fails when the two differ, so regenerate it when the API version moves.
var categories = []string{
	"PythonFeed", "ContainerRegistry", "Git", "S3", "Snowflake", "AzureKeyVault", "AzureSqlDb", "AzureSynapseAnalytics",
	"AzureMySqlDb", "AzurePostgresDb", "ADLSGen2", "AzureContainerAppEnvironment", "Redis", "ApiKey", "AzureOpenAI",
	"AIServices", "CognitiveSearch", "CognitiveService", "CustomKeys", "AzureBlob", "AzureStorageAccount",
	"AzureOneLake", "CosmosDb", "CosmosDbMongoDbApi", "AzureDataExplorer", "AzureMariaDb", "AzureDatabricksDeltaLake",
	"AzureSqlMi", "AzureTableStorage", "AmazonRdsForOracle", "AmazonRdsForSqlServer", "AmazonRedshift", "Db2", "Drill",
	"GoogleBigQuery", "Greenplum", "Hbase", "Hive", "Impala", "Informix", "MariaDb", "MicrosoftAccess", "MySql",
	"Netezza", "Oracle", "Phoenix", "PostgreSql", "Presto", "SapOpenHub", "SapBw", "SapHana", "SapTable", "Spark",
	"SqlServer", "Sybase", "Teradata", "Vertica", "Pinecone", "Databricks", "Cassandra", "Couchbase", "MongoDbV2",
	"MongoDbAtlas", "AmazonS3Compatible", "FileServer", "FtpServer", "GoogleCloudStorage", "Hdfs", "OracleCloudStorage",
	"Sftp", "GenericHttp", "ODataRest", "Odbc", "GenericRest", "RemoteTool", "AmazonMws", "Concur", "Dynamics",
	"DynamicsAx", "DynamicsCrm", "GoogleAdWords", "Hubspot", "Jira", "Magento", "Marketo", "Office365", "Eloqua",
	"Responsys", "OracleServiceCloud", "PayPal", "QuickBooks", "Salesforce", "SalesforceServiceCloud",
	"SalesforceMarketingCloud", "SapCloudForCustomer", "SapEcc", "ServiceNow", "SharePointOnlineList", "Shopify",
	"Square", "WebTable", "Xero", "Zoho", "GenericContainerRegistry", "Elasticsearch", "AppInsights", "AppConfig",
	"OpenAI", "Serp", "BingLLMSearch", "Serverless", "ManagedOnlineEndpoint", "ApiManagement", "ModelGateway",
	"GroundingWithBingSearch", "GroundingWithCustomSearch", "Sharepoint", "MicrosoftFabric", "PowerPlatformEnvironment",
	"RemoteA2A",
}

// urlTargets are the categories whose target is the service's http(s) endpoint, never a host name or an ARM ID:
// Azure OpenAI, AI Services and AI Search endpoints, the Cosmos DB document endpoint and the storage blob endpoint
// of the standard agent setup (arm-neighbours.md §3.2), and the HTTP-based services (OpenAI, serverless and online
// endpoints, API Management, model gateways, Bing grounding, MCP and A2A servers, generic REST/HTTP). Categories whose
// target may be something else (AppInsights takes an ARM ID, databases take host names) are not checked.
var urlTargets = map[string]bool{
	"AzureOpenAI": true, "AIServices": true, "CognitiveSearch": true, "CognitiveService": true, "CosmosDb": true,
	"AzureStorageAccount": true, "AzureBlob": true, "OpenAI": true, "Serverless": true, "ManagedOnlineEndpoint": true,
	"ApiManagement": true, "ModelGateway": true, "GroundingWithBingSearch": true, "GroundingWithCustomSearch": true,
	"BingLLMSearch": true, "GenericHttp": true, "GenericRest": true, "RemoteTool": true, "RemoteA2A": true,
	"AppConfig": true, "ApiKey": true, "Elasticsearch": true,
}
