using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AssetService.LocalHost;

/// <summary>
/// A local stand-in for Entra ID, for trying bearer tokens and for the tests: an RSA key, its public JWKS
/// (what <c>ASSET_SERVICE_JWT_JWKS_FILE</c> points at) and tokens signed with it.
/// <c>AssetService.LocalHost mint-token [Read|Write|Admin]</c> keeps the key in <c>.jwt/</c> and prints a token.
/// </summary>
public sealed class DevTokens(RSA key, string keyId)
{
    public const string Issuer = "https://localhost/asset-service-dev";
    public const string Audience = "api://asset-service-dev";

    public RsaSecurityKey SigningKey { get; } = new(key) { KeyId = keyId };

    public static DevTokens Create() => new(RSA.Create(2048), Guid.NewGuid().ToString("N"));

    /// <summary>The public half as a JSON Web Key Set.</summary>
    public string Jwks()
    {
        var p = SigningKey.Rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = SigningKey.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } },
        });
    }

    /// <summary>A token as Entra ID would issue it for an app role assignment, valid for an hour from <paramref name="now"/>.</summary>
    public string Mint(DateTimeOffset now, string? objectId, params string[] roles) => Mint(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = now.AddHours(1).UtcDateTime,
        Claims = Claims(objectId, roles),
    });

    /// <summary>Signs the descriptor with this key unless it brings its own credentials.</summary>
    public string Mint(SecurityTokenDescriptor descriptor)
    {
        descriptor.SigningCredentials ??= new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static Dictionary<string, object> Claims(string? objectId, string[] roles)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "dev-subject", ["roles"] = roles };
        if (objectId is not null) claims["oid"] = objectId;
        return claims;
    }

    /// <summary>The <c>mint-token</c> command: reuses <c>.jwt/signing-key.pem</c>, rewrites <c>.jwt/jwks.json</c>, prints a token.</summary>
    public static int MintCommand(string[] args, TimeProvider time)
    {
        var role = args.Length > 1 ? args[1] : "Read";
        if (role is not ("Read" or "Write" or "Admin")) { Console.Error.WriteLine("usage: mint-token [Read|Write|Admin]"); return 2; }
        Directory.CreateDirectory(".jwt");
        var pem = Path.Combine(".jwt", "signing-key.pem");
        var rsa = RSA.Create(2048);
        if (File.Exists(pem)) rsa.ImportFromPem(File.ReadAllText(pem));
        else File.WriteAllText(pem, rsa.ExportPkcs8PrivateKeyPem());
        var tokens = new DevTokens(rsa, "dev-" + Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16].ToLowerInvariant());
        var jwks = Path.GetFullPath(Path.Combine(".jwt", "jwks.json"));
        File.WriteAllText(jwks, tokens.Jwks());
        Console.Error.WriteLine($"Start the API with: ASSET_SERVICE_JWT_ISSUER={Issuer} ASSET_SERVICE_JWT_AUDIENCE={Audience} ASSET_SERVICE_JWT_JWKS_FILE={jwks} ./run.sh");
        Console.Error.WriteLine($"Then: curl -H \"Authorization: Bearer $TOKEN\" localhost:7071/api/v1/assets   (role AssetService.{role}, valid 1 h)");
        Console.WriteLine(tokens.Mint(time.GetUtcNow(), "00000000-0000-0000-0000-00000000dev0", "AssetService." + role));
        return 0;
    }
}
