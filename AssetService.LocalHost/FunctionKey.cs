using System.Security.Cryptography;
using System.Text;

namespace AssetService.LocalHost;

/// <summary>
/// The function key check of <c>AuthorizationLevel.Function</c>: header <c>x-functions-key</c> or query
/// <c>code</c>. Compared as SHA-256 digests in constant time, so neither content nor length leaks.
/// </summary>
public sealed class FunctionKey(string key)
{
    private readonly byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Accepts(HttpRequest request)
    {
        var offered = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return offered is not null && Matches(offered);
    }

    public bool Matches(string offered) =>
        CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(offered)));
}
