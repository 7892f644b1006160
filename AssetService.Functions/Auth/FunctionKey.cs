using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AssetService.Functions.Auth;

/// <summary>
/// The function key: header <c>x-functions-key</c> or query <c>code</c>. Compared as SHA-256 digests in
/// constant time, so neither content nor length leaks. The app knows only the digest
/// (<c>ASSET_SERVICE_API_KEY_SHA256</c>, hex) or, for local runs, the key itself
/// (<c>ASSET_SERVICE_API_KEY</c>); with neither, no key is accepted.
/// </summary>
public sealed class FunctionKey
{
    private readonly byte[]? digest;

    private FunctionKey(byte[]? digest) => this.digest = digest;

    public FunctionKey(string key) : this(SHA256.HashData(Encoding.UTF8.GetBytes(key))) { }

    public static readonly FunctionKey None = new((byte[]?)null);

    public static FunctionKey FromDigest(string hex) =>
        new(hex.Trim() is { Length: 64 } digits && digits.All(char.IsAsciiHexDigit) ? Convert.FromHexString(digits)
            : throw new InvalidOperationException("ASSET_SERVICE_API_KEY_SHA256 must be 64 hex digits (a SHA-256 digest)"));

    /// <param name="fallbackKey">The key when none is configured (LocalHost's development key), or null for none.</param>
    public static FunctionKey From(IConfiguration configuration, string? fallbackKey) =>
        configuration["ASSET_SERVICE_API_KEY_SHA256"] is { Length: > 0 } hex ? FromDigest(hex)
        : configuration["ASSET_SERVICE_API_KEY"] is { Length: > 0 } key ? new FunctionKey(key)
        : fallbackKey is not null ? new FunctionKey(fallbackKey)
        : None;

    /// <summary>The key the request offers, or null when it offers none.</summary>
    public static string? Offered(HttpRequest request) =>
        request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();

    public bool Accepts(HttpRequest request) => Offered(request) is { } offered && Matches(offered);

    public bool Matches(string offered) =>
        digest is not null && CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(offered)));
}
