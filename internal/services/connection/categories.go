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
