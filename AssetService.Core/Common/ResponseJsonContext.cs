using System.Text.Json.Serialization;

namespace AssetService.Core.Common;

/// <summary>
/// Source-generated metadata for every response body, so that a cold Functions instance builds no
/// serialisers by reflection on its first requests. Types missing here (error bodies) fall back to
/// reflection: forgetting one costs start-up time, not correctness.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Assets.Asset))]
[JsonSerializable(typeof(Assets.AssetList))]
[JsonSerializable(typeof(Status.AssetStatusEntry))]
[JsonSerializable(typeof(Status.StatusList))]
[JsonSerializable(typeof(Limits.LimitsCleared))]
[JsonSerializable(typeof(Limits.LimitList))]
[JsonSerializable(typeof(Forecasts.ForecastList))]
[JsonSerializable(typeof(ErrorDetail))]
[JsonSerializable(typeof(ValidationErrors))]
[JsonSerializable(typeof(UpsertResult))]
[JsonSerializable(typeof(Reservations.ReservationList))]
[JsonSerializable(typeof(StateSnapshots.StateSnapshotsWritten))]
[JsonSerializable(typeof(StateSnapshots.StateSnapshotList))]
[JsonSerializable(typeof(Specs.Spec))]
[JsonSerializable(typeof(Specs.SpecList))]
[JsonSerializable(typeof(Sites.Site))]
[JsonSerializable(typeof(Sites.SiteList))]
[JsonSerializable(typeof(Sites.Inverter))]
[JsonSerializable(typeof(Sites.SlotLimitList<Sites.SiteLimit>))]
[JsonSerializable(typeof(Sites.SlotLimitList<Sites.InverterLimit>))]
[JsonSerializable(typeof(Dispatches.DispatchList))]
[JsonSerializable(typeof(Health.HealthReport))]
[JsonSerializable(typeof(Changes.ChangeList))]
[JsonSerializable(typeof(Headroom.HeadroomList))]
[JsonSerializable(typeof(Headroom.SiteHeadroomList))]
[JsonSerializable(typeof(ValidationError))]
[JsonSerializable(typeof(Ingestion.MessageCompleted))]
[JsonSerializable(typeof(Ingestion.MessageDeadLettered))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext;
