using AssetService.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Http;

/// <summary>
/// Every request under <c>/api</c> that no other function takes (an unknown path, or a known one with another
/// method) gets <c>404 {"detail": "Not Found"}</c> in both hosts, as FastAPI answers; without it the Functions
/// host answers an empty 404 and LocalHost a JSON one. The Functions host tries the routes of its functions in
/// the order of their names (FunctionMetadataManager sorts them, RouteCollection tries them in turn), so this one's
/// name sorts after every other function's; LocalHost's endpoint routing ranks a catch-all last by itself.
/// Not an operation of the document: <c>FunctionRoute.Discover</c>, which the route and access tests
/// enumerate, leaves it out; <c>FunctionRoute.DiscoverServed</c> adds it for LocalHost to map.
/// </summary>
public sealed class UnmatchedRouteFunctions
{
    public const string Name = "ZzUnmatchedRoute";

    [Function(Name)]
    [Anonymous]
    public Task<IActionResult> NotFound(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = "{*path}")] HttpRequest request) =>
        Task.FromResult<IActionResult>(ApiResult.Detail(StatusCodes.Status404NotFound, "Not Found"));
}
