using AssetService.Core.Changes;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Changes;

/// <summary>The change feed (contract 6.2): every committed write, once, in the order a cursor can follow.</summary>
public sealed class ChangeFunctions(ChangesService changes)
{
    [Function("ListChanges")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/changes")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await changes.ListAsync(ChangesQuery.Bind(request.Query), ct));
}
