// Calls a running Asset Service through the C# client Kiota generates from openapi.json, as a user's
// program would, and checks what comes back. Run by scripts/client-smoke.sh: BASE_URL and API_KEY name
// the service (LocalHost over a fresh database). Prints one line per step; exits 1 on the first failure.
using AssetService.Client;
using AssetService.Client.Api.V1.Sites;
using AssetService.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var baseUrl = Environment.GetEnvironmentVariable("BASE_URL") ?? throw new InvalidOperationException("BASE_URL is not set");
var key = Environment.GetEnvironmentVariable("API_KEY") ?? throw new InvalidOperationException("API_KEY is not set");
// Kiota's ApiKeyAuthenticationProvider refuses plain http; against LocalHost the key goes in a default header.
var http = KiotaClientFactory.Create();
http.DefaultRequestHeaders.Add("x-functions-key", key);
var auth = new AnonymousAuthenticationProvider();

var steps = new Steps();
try
{
    await steps.Run("the document's first server is the client's default base URL", () =>
    {
        var defaults = new HttpClientRequestAdapter(auth);
        _ = new AssetServiceClient(defaults);
        Check.Equal("http://127.0.0.1:7071", defaults.BaseUrl);
        return Task.CompletedTask;
    });

    var client = new AssetServiceClient(new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = baseUrl });
    var v1 = client.Api.V1;
    var code = "K" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    var assetId = $"DE_50HZ_{code}_1";

    await steps.Run("create an asset (enum names: DeliveryArea.FiftyHertz)", async () =>
    {
        var asset = await v1.Assets.PostAsync(new CreateAssetRequest
        {
            Code = code, Name = "Kiota smoke", Type = AssetType.BESS, Region = Region.DE,
            DeliveryArea = DeliveryArea.FiftyHertz, Provider = Provider.EBX,
        });
        Check.Equal(assetId, asset?.Id);
        Check.Equal(DeliveryArea.FiftyHertz, asset?.DeliveryArea);
        Check.Equal(AssetLifecycle.DRAFT, asset?.Lifecycle);
    });

    await steps.Run("commission it (optional empty body)", async () =>
    {
        var asset = await v1.Assets[assetId].Actions.Commission.PostAsync(new ActionRequest());
        Check.Equal(AssetLifecycle.COMMISSIONING, asset?.Lifecycle);
    });

    await steps.Run("PATCH limits", async () =>
    {
        var result = await v1.Limits.PatchAsync(new UpsertLimitsRequest
        {
            Limits =
            [
                new LimitEntry
                {
                    AssetId = assetId, Source = LimitSource.REPORTED, StartTime = "10:00", EndTime = "11:00",
                    ValidFrom = new Date(2026, 4, 1), ValidUntil = new Date(2026, 4, 1), PowerCharge = -2.5, PowerDischarge = 3,
                },
                new LimitEntry
                {
                    AssetId = assetId, Source = LimitSource.OPERATIONS, StartTime = "10:00", EndTime = "10:30",
                    ValidFrom = new Date(2026, 4, 1), ValidUntil = new Date(2026, 4, 1), PowerDischarge = 2,
                },
            ],
        });
        Check.Equal(6, result?.Upserted);
    });

    await steps.Run("GET limits with the computed block (sources comma-separated)", async () =>
    {
        var page = await v1.Limits.GetAsync(r =>
        {
            r.QueryParameters.AssetIds = [assetId];
            r.QueryParameters.From = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);
            r.QueryParameters.To = new DateTimeOffset(2026, 4, 1, 11, 0, 0, TimeSpan.Zero);
            r.QueryParameters.Sources = ["REPORTED,OPERATIONS"];
        });
        var slots = page?.Limits ?? [];
        Check.Equal(4, slots.Count);
        var first = slots[0];
        Check.Equal(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero), first.StartTime);
        Check.Equal(2, first.Sources?.Count);
        Check.Equal(-2.5, first.Computed?.PowerCharge);
        Check.Equal(2.0, first.Computed?.PowerDischarge); // the tighter of 3 (REPORTED) and 2 (OPERATIONS)
        Check.Equal(3.0, slots[3].Computed?.PowerDischarge);
    });

    await steps.Run("PUT a spec with Quantities", async () =>
    {
        var spec = await v1.Specs.PutAsync(new UpsertSpecRequest
        {
            AssetId = assetId, ValidFrom = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
            RatedPower = new PowerQuantityInput { Value = new DecimalInput { String = "9500" }, Unit = PowerUnit.Kilowatt },
            MaxCapacity = new EnergyQuantityInput { Value = new DecimalInput { Double = 20 }, Unit = EnergyUnit.MegawattHour },
            ChargeEfficiency = new DecimalInput { String = "0.93" },
        });
        Check.Equal("9.5", spec?.RatedPower?.Value);
        Check.Equal("MW", spec?.RatedPower?.Unit);
    });

    await steps.Run("GET the spec: exact decimal strings in the canonical unit", async () =>
    {
        var page = await v1.Specs.GetAsync(r => { r.QueryParameters.AssetIds = [assetId]; r.QueryParameters.Latest = true; });
        var spec = Check.Single(page?.Specs);
        Check.Equal("9.5", spec.RatedPower?.Value);
        Check.Equal("20", spec.MaxCapacity?.Value);
        Check.Equal("MWh", spec.MaxCapacity?.Unit);
        Check.Equal("0.93", spec.ChargeEfficiency);
        Check.Equal(null, spec.GridConnectionMaxPower);
    });

    var siteId = "";
    await steps.Run("create a site with a price-based dispatch mode and an inverter", async () =>
    {
        var site = await v1.Sites.PostAsync(new CreateSiteRequest
        {
            Name = "Kiota site", Code = code, Region = Region.DE, DeliveryArea = DeliveryArea.FiftyHertz,
            DispatchMode = new DispatchModeInput
            {
                Name = DispatchModeName.PRICE_BASED,
                FloorPrice = new PriceQuantityInput { Value = new DecimalInput { String = "-20" }, Unit = PriceUnit.EurPerMWh },
                StrikePrice = new PriceQuantityInput { Value = new DecimalInput { Double = 85.5 }, Unit = PriceUnit.EurPerMWh },
            },
        });
        siteId = site?.Id ?? "";
        Check.Equal($"DE_50HZ_{code}_SITE_1", siteId);
        Check.Equal(PriceUnit.EurPerMWh, site?.DispatchMode?.StrikePrice?.Unit);
        var inverter = await v1.Sites[siteId].Inverters.PostAsync(new CreateInverterRequest
        {
            RatedPower = new PowerQuantityInput { Value = new DecimalInput { Double = 4200 }, Unit = PowerUnit.Kilowatt },
            ChargeEfficiency = new DecimalInput { String = "0.97" }, DischargeEfficiency = new DecimalInput { Double = 0.97 },
            AssetIds = [assetId],
        });
        Check.Equal($"{siteId}_INV_1", inverter?.Id);
    });

    await steps.Run("list sites without expand: sites with their fields, no inverters", async () =>
    {
        var page = await v1.Sites.GetAsync(r => r.QueryParameters.AssetId = assetId);
        var site = Check.Single(page?.Sites);
        Check.Equal(siteId, site.Id);
        Check.Equal("Kiota site", site.Name);
        Check.Equal(DispatchModeName.PRICE_BASED, site.DispatchMode?.Name);
        Check.Equal("-20", site.DispatchMode?.FloorPrice?.Value);
        Check.Equal(null, site.Inverters);
    });

    await steps.Run("list sites with expand=inverters: inverters with their ids", async () =>
    {
        var page = await v1.Sites.GetAsync(r =>
        {
            r.QueryParameters.AssetId = assetId;
            r.QueryParameters.Expand = GetExpandQueryParameterType.Inverters;
        });
        var site = Check.Single(page?.Sites);
        Check.Equal(siteId, site.Id);
        var inverter = Check.Single(site.Inverters);
        Check.Equal($"{siteId}_INV_1", inverter.Id);
        Check.Equal("4.2", inverter.RatedPower?.Value);
        Check.Equal(assetId, Check.Single(inverter.AssetIds));
    });

    await steps.Run("GET headroom of the asset and its site: sides, limited_by enum values", async () =>
    {
        var (from, to) = (new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 10, 30, 0, TimeSpan.Zero));
        var page = await v1.Headroom.GetAsync(r =>
        {
            r.QueryParameters.AssetIds = [assetId];
            r.QueryParameters.From = from;
            r.QueryParameters.To = to;
        });
        var items = page?.Headroom ?? [];
        Check.Equal(2, items.Count);
        // the tighter of 3 (REPORTED) and 2 (OPERATIONS), below the spec's 9.5 MW and the inverter's 4.2 MW
        Check.Equal(2.0, items[0].Discharge?.Headroom);
        Check.Equal(HeadroomBound.LimitsOperations, Check.Single(items[0].Discharge?.LimitedBy));
        var site = await v1.Sites[siteId].Headroom.GetAsync(r =>
        {
            r.QueryParameters.From = from;
            r.QueryParameters.To = to;
        });
        Check.Equal(2, site?.Headroom?.Count);
        Check.Equal(2.0, site?.Headroom?[0].Discharge?.Headroom);
    });

    await steps.Run("PATCH with an explicit null (backing store) clears go_live_date", async () =>
    {
        var set = await v1.Assets[assetId].PatchAsync(new PatchAssetRequest { GoLiveDate = new Date(2026, 5, 1) });
        Check.Equal(new Date(2026, 5, 1), set?.GoLiveDate);
        var renamed = await v1.Assets[assetId].PatchAsync(new PatchAssetRequest { Name = "Kiota smoke 2" });
        Check.Equal(new Date(2026, 5, 1), renamed?.GoLiveDate); // a property never set is not sent
        // Generated with --backing-store: a property set to null is sent as null (without it Kiota drops nulls).
        var cleared = await v1.Assets[assetId].PatchAsync(new PatchAssetRequest { GoLiveDate = null });
        Check.Equal(null, cleared?.GoLiveDate);
        Check.Equal("Kiota smoke 2", cleared?.Name);
    });

    await steps.Run("404 is an ErrorDetail whose Message is the detail", async () =>
    {
        var error = await Check.Throws<ErrorDetail>(() => v1.Assets["DE_50HZ_NOSUCH_1"].GetAsync());
        Check.Equal(404, error.ResponseStatusCode);
        Check.Equal("Asset DE_50HZ_NOSUCH_1 not found", error.Message);
        Check.Equal(error.Detail, error.Message);
    });

    await steps.Run("409 is an ErrorDetail whose Message is the detail", async () =>
    {
        var error = await Check.Throws<ErrorDetail>(() => v1.Assets[assetId].Actions.Commission.PostAsync(new ActionRequest()));
        Check.Equal(409, error.ResponseStatusCode);
        Check.Equal($"Cannot commission asset {assetId}: lifecycle is COMMISSIONING, expected DRAFT", error.Message);
    });

    await steps.Run("422 is an HTTPValidationError listing every problem", async () =>
    {
        var error = await Check.Throws<HTTPValidationError>(() => v1.Assets.PostAsync(new CreateAssetRequest
        {
            Code = "lower", Name = "x", Type = AssetType.BESS, Region = Region.PL, DeliveryArea = DeliveryArea.FiftyHertz, Provider = Provider.EBX,
        }));
        Check.Equal(422, error.ResponseStatusCode);
        var problems = error.Problems();
        Check.Contains("body.code: ", problems);
        Check.Contains("body.delivery_area: ", problems);
        Console.WriteLine($"      {problems}");
    });
}
catch (CheckFailed)
{
    return 1;
}
Console.WriteLine($"kiota client smoke: PASS ({steps.Count} steps against {baseUrl})");
return 0;
