using Microsoft.Extensions.Configuration;

namespace AssetService.Core.Database;

/// <summary>
/// How to reach PostgreSQL: <c>PostgresConnection</c> (no password in Azure),
/// <c>PostgresUseEntraAuth</c>, which makes the password an Entra token of the managed identity
/// (the user-assigned one named by <c>AZURE_CLIENT_ID</c>, as the Bicep app settings set it), and
/// <c>PostgresAutoPrepare</c>: <c>true</c> only where nothing between the app and PostgreSQL hands a
/// server connection to another client with the app's prepared statements on it (no pooler, or a
/// PgBouncer that tracks them: 1.21 or later with <c>max_prepared_statements</c> above 0).
/// </summary>
public sealed record PostgresSettings(string ConnectionString, bool UseEntraAuth, string? ManagedIdentityClientId = null,
    bool AutoPrepare = false)
{
    public const string AutoPrepareSetting = "PostgresAutoPrepare";

    public static PostgresSettings From(IConfiguration configuration)
    {
        var connectionString = configuration["PostgresConnection"];
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("The setting PostgresConnection is missing.");
        var entra = configuration["PostgresUseEntraAuth"];
        return new PostgresSettings(connectionString, bool.TryParse(entra, out var useEntra) && useEntra, configuration["AZURE_CLIENT_ID"],
            AutoPrepareFrom(configuration[AutoPrepareSetting]));
    }

    // Anything but true or false is refused at start-up: a typo must not decide which statements a pooler mixes up.
    private static bool AutoPrepareFrom(string? value) => value switch
    {
        null or "" => false,
        _ when bool.TryParse(value, out var on) => on,
        _ => throw new InvalidOperationException($"The setting {AutoPrepareSetting} must be true or false, not '{value}'."),
    };
}
