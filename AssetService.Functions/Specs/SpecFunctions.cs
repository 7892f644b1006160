using AssetService.Core.Changes;
using AssetService.Core.Specs;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Specs;

/// <summary>Specs: versioned per asset; PUT creates a version (201) or updates one (200).</summary>
public sealed class SpecFunctions(SpecsService specs, AsOf asOf)
{
    [Function("UpsertSpec")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/specs")] HttpRequest request, CancellationToken ct)
    {
        var (spec, created) = await specs.PutAsync(SpecPut.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct);
        return created ? new ApiResult(StatusCodes.Status201Created, spec) : ApiResult.Ok(spec);
    }

    [Function("GetSpecs")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/specs")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await specs.ListAsync(SpecQuery.Bind(request.Query), asOf.Read(request.Query), ct));
}
