using System.Diagnostics;
using System.Text.Json;

namespace AssetService.Tests.Infra;

/// <summary>
/// Runs the deployment script exactly as the snapshot of the Script deployment passes it to ARM (content and
/// environment), with a stand-in `az` on PATH that records each call and answers like Graph would, so the
/// order of the calls, their bodies and the outputs are checked. Graph itself is not: no tenant is reachable.
/// </summary>
public sealed class AppRegistrationScriptTests : IDisposable
{
    private const string AppId = "3f2a1c4e-8b7d-4e6f-9a01-5c3b2d1e0f99";
    private const string ServicePrincipalId = "7d6c5b4a-3e2f-4a1b-8c9d-0e1f2a3b4c5d";

    // Answers like Graph: the first read of the new application misses (replication), later ones find it.
    private const string FakeAz = """
        #!/usr/bin/env bash
        printf '%s\n' "$*" >>"$FAKE_DIR/calls"
        case "$*" in
          "cloud show"*) echo "https://graph.microsoft.com/" ;;
          "rest --method get --url https://graph.microsoft.com/v1.0/applications("*)
            if [[ ! -f "$FAKE_DIR/replicated" ]]; then touch "$FAKE_DIR/replicated"; echo "Resource not found" >&2; exit 1; fi
            echo "$FAKE_APP_ID" ;;
          "rest --method get --url https://graph.microsoft.com/v1.0/servicePrincipals("*) echo "$FAKE_SP_ID" ;;
          "rest --method patch "*) ;;
          *) echo "unexpected az call: $*" >&2; exit 2 ;;
        esac
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("appreg-script-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Script_upserts_the_registration_then_sets_its_uri_and_service_principal_and_outputs_the_appId()
    {
        var (exitCode, stderr, environment) = await Run(identifierUri: null);

        Assert.True(exitCode == 0, stderr);
        var calls = File.ReadAllLines(Path.Combine(directory, "calls")).Where(c => c.StartsWith("rest ", StringComparison.Ordinal)).ToList();
        var app = $"https://graph.microsoft.com/v1.0/applications(uniqueName='{environment["UNIQUE_NAME"]}')";
        var sp = $"https://graph.microsoft.com/v1.0/servicePrincipals(appId='{AppId}')";
        Assert.Equal(
            [
                $"rest --method patch --url {app} --headers Content-Type=application/json Prefer=create-if-missing --body {environment["APPLICATION"]} --output none",
                $"rest --method get --url {app}?$select=appId --query appId -o tsv",
                $"rest --method get --url {app}?$select=appId --query appId -o tsv",
                $$"""rest --method patch --url {{app}} --headers Content-Type=application/json --body {"identifierUris":["api://{{AppId}}"]} --output none""",
                $$"""rest --method patch --url {{sp}} --headers Content-Type=application/json Prefer=create-if-missing --body {"appRoleAssignmentRequired":true} --output none""",
                $"rest --method get --url {sp}?$select=id --query id -o tsv",
            ],
            calls);

        using var outputs = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "outputs.json")));
        Assert.Equal(AppId, outputs.RootElement.GetProperty("appId").GetString());
        Assert.Equal($"api://{AppId}", outputs.RootElement.GetProperty("identifierUri").GetString());
        Assert.Equal(ServicePrincipalId, outputs.RootElement.GetProperty("servicePrincipalId").GetString());
    }

    [Fact]
    public async Task Script_refuses_an_identifier_uri_that_is_not_a_uri_before_touching_the_service_principal()
    {
        var (exitCode, stderr, _) = await Run(identifierUri: "api://asset service");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("is not a URI", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(directory, "calls")), c => c.Contains("servicePrincipals", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(directory, "outputs.json")));
    }

    private async Task<(int ExitCode, string Stderr, Dictionary<string, string> Environment)> Run(string? identifierUri)
    {
        var script = ArmSnapshot.Load("app-registration-script").Single("Microsoft.Resources/deploymentScripts").GetProperty("properties");
        var environment = script.GetProperty("environmentVariables").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString()!, StringComparer.Ordinal);
        if (identifierUri is not null)
        {
            environment["IDENTIFIER_URI"] = identifierUri;
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The deployment script runs in a Linux container; run this test on Linux.");
        }

        var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bin, "az"), FakeAz.ReplaceLineEndings("\n"));
        await File.WriteAllTextAsync(Path.Combine(bin, "sleep"), "#!/usr/bin/env bash\n"); // retries without waiting
        foreach (var tool in new[] { "az", "sleep" })
        {
            File.SetUnixFileMode(Path.Combine(bin, tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var scriptPath = Path.Combine(directory, "script.sh");
        await File.WriteAllTextAsync(scriptPath, script.GetProperty("scriptContent").GetString());
        var start = new ProcessStartInfo("bash", [scriptPath]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["PATH"] = $"{bin}:{System.Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_DIR"] = directory;
        start.Environment["FAKE_APP_ID"] = AppId;
        start.Environment["FAKE_SP_ID"] = ServicePrincipalId;
        start.Environment["AZ_SCRIPTS_OUTPUT_PATH"] = Path.Combine(directory, "outputs.json");

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stderr, environment);
    }
}
