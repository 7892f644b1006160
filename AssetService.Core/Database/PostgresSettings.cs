using Microsoft.Extensions.Configuration;

namespace AssetService.Core.Database;

/// <summary>
/// How to reach PostgreSQL: <c>PostgresConnection</c> (no password in Azure) and
/// <c>PostgresUseEntraAuth</c>, which makes the password an Entra token of the managed identity
/// (the user-assigned one named by <c>AZURE_CLIENT_ID</c>, as the Bicep app settings set it).
/// </summary>
public sealed record PostgresSettings(string ConnectionString, bool UseEntraAuth, string? ManagedIdentityClientId = null)
{
    public static PostgresSettings From(IConfiguration configuration)
    {
        var connectionString = configuration["PostgresConnection"];
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("The setting PostgresConnection is missing.");
        var entra = configuration["PostgresUseEntraAuth"];
        return new PostgresSettings(connectionString, bool.TryParse(entra, out var useEntra) && useEntra, configuration["AZURE_CLIENT_ID"]);
    }
}
