using AssetService.Core.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AssetService.Functions.Auth;

/// <summary>
/// Validates <c>Authorization: Bearer</c> tokens with Microsoft.IdentityModel (contract 6.3): signature against
/// the issuer's keys (a JWKS file, else the issuer's OpenID configuration), issuer, audience, expiry and
/// not-before with 5 minutes of skew; only asymmetric algorithms, so <c>none</c> and HS256 never verify.
/// Settings: <c>ASSET_SERVICE_JWT_ISSUER</c>, <c>ASSET_SERVICE_JWT_AUDIENCE</c>, <c>ASSET_SERVICE_JWT_JWKS_FILE</c>.
/// </summary>
public sealed class BearerTokens
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters? parameters;

    private BearerTokens(TokenValidationParameters? parameters) => this.parameters = parameters;

    public bool Enabled => parameters is not null;

    public static BearerTokens From(IConfiguration configuration)
    {
        if (configuration["ASSET_SERVICE_JWT_ISSUER"] is not { Length: > 0 } issuer) return new BearerTokens(null);
        var audience = configuration["ASSET_SERVICE_JWT_AUDIENCE"] is { Length: > 0 } a ? a
            : throw new InvalidOperationException("ASSET_SERVICE_JWT_ISSUER is set but ASSET_SERVICE_JWT_AUDIENCE is not");
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidAlgorithms = AsymmetricAlgorithms,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            RoleClaimType = "roles",
        };
        if (configuration["ASSET_SERVICE_JWT_JWKS_FILE"] is { Length: > 0 } file)
            parameters.IssuerSigningKeys = AsymmetricKeys(File.ReadAllText(file), file);
        else
            parameters.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                issuer.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = true });
        return new BearerTokens(parameters);
    }

    /// <summary>The RSA and EC keys of a JWKS; symmetric (<c>oct</c>) keys are never signing keys here.</summary>
    public static IReadOnlyList<SecurityKey> AsymmetricKeys(string jwks, string source)
    {
        var keys = new JsonWebKeySet(jwks).Keys.Where(k => k.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve).ToArray();
        return keys.Length > 0 ? keys : throw new InvalidOperationException($"{source} holds no RSA or EC public key");
    }

    /// <summary>The caller the token names, or why it is refused (a sentence for the 401 body).</summary>
    public async Task<(Caller? Caller, string? Problem)> ValidateAsync(string token)
    {
        if (parameters is null) return (null, "Bearer tokens are not accepted here: no token issuer is configured");
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid) return (null, "Invalid bearer token: " + Reason(result.Exception));
        var claims = result.ClaimsIdentity;
        var oid = claims.FindFirst("oid")?.Value;
        var sub = claims.FindFirst("sub")?.Value;
        if (oid is not { Length: > 0 } && sub is not { Length: > 0 }) return (null, "Invalid bearer token: it names no subject (oid or sub)");
        return (new Caller(Author.FromToken(oid, sub), Roles.Highest(claims.FindAll("roles").Select(c => c.Value))), null);
    }

    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenInvalidIssuerException => "its issuer is not the one this API accepts",
        SecurityTokenInvalidAudienceException => "its audience is not this API",
        SecurityTokenInvalidAlgorithmException => "its algorithm is not accepted (only RS*, PS* and ES* signatures are)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify against the issuer's keys",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenMalformedException => "it is not a well-formed JWT",
        _ => "it could not be validated",
    };
}
