namespace AssetService.Tests.Infra;

/// <summary>The alerts of infra/modules/alerts.bicep exist and watch the resources the other modules create.</summary>
public sealed class AlertsTemplateTests
{
    private const string MetricAlerts = "Microsoft.Insights/metricAlerts";

    private static ArmTemplate Template => ArmTemplate.Main;

    private static ArmResource Alert(string type, string namePart) =>
        Assert.Single(Template.OfType(type), a => a.Name.Contains(namePart, StringComparison.Ordinal));

    /// <summary>The value main.bicep passes to a top-level module for a parameter.</summary>
    private static string? TopModuleParameter(string module, string parameter) =>
        Assert.Single(Template.OfType("Microsoft.Resources/deployments"), d => d.Name == module && d.Deployment is null)
            .GetString("properties", "parameters", parameter, "value");

    private static string? Criterion(ArmResource alert, string property) =>
        alert.Get("properties", "criteria", "allOf")!.Value.EnumerateArray().Single().GetProperty(property).ToString();

    [Fact]
    public void Each_queue_has_a_dead_letter_alert_on_the_namespace_above_zero()
    {
        var alert = Alert(MetricAlerts, "dead-letters-");

        Assert.Equal("[resourceId('Microsoft.ServiceBus/namespaces', parameters('serviceBusNamespaceName'))]", alert.Get("properties", "scopes")!.Value[0].GetString());
        Assert.Equal(TopModuleParameter("servicebus", "name"), alert.ModuleParameter("serviceBusNamespaceName"));
        Assert.Equal("dispatches", Template.ModuleParameter(alert, "dispatchQueueName"));
        Assert.Equal("asset-status", Template.ModuleParameter(alert, "statusQueueName"));
        Assert.Contains("parameters('dispatchQueueName'), parameters('statusQueueName')", alert.GetString("copy", "count"), StringComparison.Ordinal);
        Assert.Equal("DeadletteredMessages", Criterion(alert, "metricName"));
        Assert.Equal("GreaterThan", Criterion(alert, "operator"));
        Assert.Equal("0", Criterion(alert, "threshold"));
        Assert.Contains("EntityName", Criterion(alert, "dimensions"), StringComparison.Ordinal);
    }

    [Fact]
    public void Server_errors_of_the_function_app_raise_an_alert()
    {
        var alert = Alert(MetricAlerts, "http-5xx-");

        Assert.Equal("[resourceId('Microsoft.Web/sites', parameters('functionAppName'))]", alert.Get("properties", "scopes")!.Value[0].GetString());
        Assert.Equal(TopModuleParameter("functionapp", "name"), alert.ModuleParameter("functionAppName"));
        Assert.Equal("Http5xx", Criterion(alert, "metricName"));
    }

    [Theory]
    [InlineData("postgres-cpu-", "cpu_percent")]
    [InlineData("postgres-connections-", "active_connections")]
    public void Postgres_cpu_and_connections_raise_alerts_on_the_server(string name, string metric)
    {
        var alert = Alert(MetricAlerts, name);

        Assert.Equal("[resourceId('Microsoft.DBforPostgreSQL/flexibleServers', parameters('postgresServerName'))]", alert.Get("properties", "scopes")!.Value[0].GetString());
        Assert.Equal(TopModuleParameter("postgres", "name"), alert.ModuleParameter("postgresServerName"));
        Assert.Equal(metric, Criterion(alert, "metricName"));
        if (metric == "active_connections")
        {
            Assert.Contains("parameters('postgresMaxConnections')", Criterion(alert, "threshold"), StringComparison.Ordinal);
            Assert.Equal("[parameters('postgresMaxConnections')]", alert.ModuleParameter("postgresMaxConnections"));
        }
    }

    [Fact]
    public void Failed_entra_token_refreshes_raise_a_log_alert_on_the_apps_workspace()
    {
        var alert = Alert("Microsoft.Insights/scheduledQueryRules", "entra-token-failures-");

        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", alert.Get("properties", "scopes")!.Value[0].GetString());
        Assert.Equal(TopModuleParameter("monitoring", "logAnalyticsName"), alert.ModuleParameter("logAnalyticsName"));
        // The line EntraTokenCache logs (EntraTokenCacheTests reads it back).
        Assert.Contains("Entra token refresh for PostgreSQL failed", Criterion(alert, "query"), StringComparison.Ordinal);
        Assert.Equal("0", Criterion(alert, "threshold"));
    }
}
