using AssetService.Core.StateSnapshots;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.StateSnapshots;

/// <summary>State snapshots: atomic batch upsert, latest and range reads.</summary>
public sealed class StateSnapshotFunctions(StateSnapshotsService snapshots, StateSnapshotsCsv csv, TimeProvider clock)
{
    [Function("UpsertStateSnapshots")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/state-snapshots")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await snapshots.UpsertAsync(UpsertStateSnapshotsRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct));

    [Function("GetStateSnapshots")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/state-snapshots")] HttpRequest request, CancellationToken ct) =>
        CsvContent.Accepts(request)
            ? new CsvResult(await csv.OpenAsync(StateSnapshotsQuery.Bind(request.Query, clock.GetUtcNow().UtcDateTime), ct))
            : ApiResult.Ok(await snapshots.ListAsync(StateSnapshotsQuery.Bind(request.Query, clock.GetUtcNow().UtcDateTime), ct));
}
