using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace AssetService.Functions;

/// <summary>
/// Log levels both hosts start from, as the lowest-priority configuration source: <c>Logging__LogLevel__...</c>
/// in the environment or app settings overrides each of them.
/// </summary>
public static class LogDefaults
{
    /// <summary>
    /// Npgsql logs every statement it runs at Information ("Command execution completed", with the SQL text):
    /// one multi-line log entry per request, which cost more CPU than the statement's own round trip in
    /// LocalHost (bench/RESULTS.md, Notes). Failed statements are still logged, as warnings and errors.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Npgsql.Command"] = "Warning",
    };

    public static void InsertLowestPriority(IConfigurationBuilder configuration, IEnumerable<KeyValuePair<string, string?>> levels) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = levels });
}
