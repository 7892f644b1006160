using AssetService.Functions.OpenApi;
using AssetService.Tests.Infra;

namespace AssetService.Tests.OpenApi;

/// <summary>
/// The checked-in <c>OpenApi/openapi.json</c> (read by the client generators, the linter and Prism in
/// ./test.sh) is exactly what the service builds and serves. <c>ASSET_SERVICE_WRITE_OPENAPI=1</c> rewrites it
/// (scripts/openapi-write.sh).
/// </summary>
public sealed class OpenApiGeneratedCopyTests
{
    private static readonly string CheckedIn = Path.Combine(ArmTemplate.RepositoryRoot, "AssetService.Functions", "OpenApi", "openapi.json");

    [Fact]
    public void Checked_in_document_is_the_build_output()
    {
        var built = ApiDocument.Bytes();
        if (Environment.GetEnvironmentVariable("ASSET_SERVICE_WRITE_OPENAPI") == "1") File.WriteAllBytes(CheckedIn, built);
        Assert.True(File.Exists(CheckedIn) && File.ReadAllBytes(CheckedIn).AsSpan().SequenceEqual(built),
            "AssetService.Functions/OpenApi/openapi.json differs from the document the code builds: run scripts/openapi-write.sh and commit it");
    }
}
