using AssetService.Core.Common;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AssetService.Functions.Auth;

/// <summary>
/// The access rule of contract 6.3, run by both hosts before a function: a function key acts as Admin, a valid
/// bearer token grants the highest role in its <c>roles</c> claim. Every credential offered must be valid.
/// No credential or an invalid one: 401 with <c>WWW-Authenticate: Bearer</c>; too small a role: 403 naming it.
/// </summary>
public sealed class AccessCheck(FunctionKey key, BearerTokens tokens)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Null when the request may go on (its <see cref="Caller"/> attached), else the answer that refuses it.</summary>
    public async Task<ApiResult?> RefuseAsync(Access access, HttpContext context)
    {
        if (access.Required is not { } required) return null;
        var request = context.Request;
        var offeredKey = FunctionKey.Offered(request);
        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;

        if (offeredKey is null && token is null)
            return Unauthorized("Missing credentials: send a function key (x-functions-key header or code query parameter) or an Authorization: Bearer token", "Bearer");
        if (offeredKey is not null && !key.Matches(offeredKey))
            return Unauthorized("Invalid function key: send it in the x-functions-key header or the code query parameter", "Bearer");

        var caller = offeredKey is not null ? Caller.FunctionKey : null;
        if (token is not null)
        {
            var (fromToken, problem) = await tokens.ValidateAsync(token);
            if (fromToken is null) return Unauthorized(problem!, $"Bearer error=\"invalid_token\", error_description=\"{problem}\"");
            caller = caller is null ? fromToken : fromToken with { Role = Role.Admin }; // the key's power, the token's name
        }

        if (caller!.Role < required)
            return new ApiResult(StatusCodes.Status403Forbidden, new ErrorDetail(
                $"This operation needs the role {required.ClaimValue()}; the token grants {(caller.Role == Role.None ? "no AssetService role" : caller.Role.ClaimValue())}"))
            { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = $"Bearer error=\"insufficient_scope\", scope=\"{required.ClaimValue()}\"" } };
        caller.AttachTo(context);
        return null;
    }

    private static ApiResult Unauthorized(string detail, string challenge) =>
        new(StatusCodes.Status401Unauthorized, new ErrorDetail(detail)) { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = challenge } };
}
