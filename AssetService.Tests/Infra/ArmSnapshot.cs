using System.Text.Json;
using System.Text.RegularExpressions;

namespace AssetService.Tests.Infra;

/// <summary>
/// What ARM would deploy for one sample deployment of infra/snapshots/&lt;name&gt;.bicepparam: `bicep snapshot`,
/// run by infra/build.sh, evaluates its conditions, loops, parameters and module outputs offline and writes
/// the resulting resources (modules flattened) to infra/bin/snapshots/&lt;name&gt;.snapshot.json. Values known
/// only at deployment time stay ARM expressions naming the resource they read.
/// </summary>
internal sealed partial class ArmSnapshot
{
    private ArmSnapshot(string name, JsonDocument document, IReadOnlyDictionary<string, string> parameters)
    {
        Name = name;
        Root = document.RootElement;
        Parameters = parameters;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    /// <summary>The string parameters the .bicepparam file sets.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public IReadOnlyList<JsonElement> Resources => Root.GetProperty("predictedResources").EnumerateArray().ToList();

    public IReadOnlyList<JsonElement> Diagnostics => Root.GetProperty("diagnostics").EnumerateArray().ToList();

    public IReadOnlyList<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonElement Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type} in snapshot {Name}, found {matches.Count}.");
        return matches[0];
    }

    public string? Output(string name) =>
        Root.GetProperty("outputs").TryGetProperty(name, out var value) ? value.GetString() : null;

    public static ArmSnapshot Load(string name)
    {
        var root = ArmTemplate.RepositoryRoot;
        var path = Path.Combine(root, "infra", "bin", "snapshots", $"{name}.snapshot.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} not found: run infra/build.sh first (it snapshots infra/snapshots/*.bicepparam).");
        }

        // A snapshot of infra/main.parameters*.json has no .bicepparam of its own in infra/snapshots/.
        var bicepparam = Path.Combine(root, "infra", "snapshots", $"{name}.bicepparam");
        var parameters = (File.Exists(bicepparam) ? ParamLine().Matches(File.ReadAllText(bicepparam)) : null)?
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal) ?? new Dictionary<string, string>();
        return new ArmSnapshot(name, JsonDocument.Parse(File.ReadAllText(path)), parameters);
    }

    [GeneratedRegex(@"^param (\w+) = '([^']*)'\s*$", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
