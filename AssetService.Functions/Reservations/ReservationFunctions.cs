using AssetService.Core.Changes;
using AssetService.Core.Reservations;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Reservations;

/// <summary>Reservations per asset, slot, market and source: upsert and read.</summary>
public sealed class ReservationFunctions(ReservationsService reservations, ReservationsCsv csv, AsOf asOf)
{
    [Function("UpsertReservations")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/reservations")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await reservations.UpsertAsync(await request.BindBodyAsync("reservations", ReservationsCsv.Body, UpsertReservationsRequest.Bind, ct), Caller.Of(request).Author, ct));

    [Function("GetReservations")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/reservations")] HttpRequest request, CancellationToken ct) =>
        CsvContent.Accepts(request)
            ? new CsvResult(await csv.OpenAsync(ReservationsQuery.Bind(request.Query), asOf.Read(request.Query), ct))
            : ApiResult.Ok(await reservations.ListAsync(ReservationsQuery.Bind(request.Query), asOf.Read(request.Query), ct));
}
