using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Functions.Auth;

/// <summary>Who called and what they may do: set by the access check before any function runs.</summary>
public sealed record Caller(Author Author, Role Role)
{
    public static readonly Caller FunctionKey = new(Author.FunctionKey, Role.Admin);

    public static Caller Of(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(typeof(Caller), out var caller) && caller is Caller known ? known
        : throw new InvalidOperationException("No caller: the function is anonymous or the access check did not run");

    internal void AttachTo(HttpContext context) => context.Items[typeof(Caller)] = this;
}
