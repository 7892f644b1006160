using AssetService.Core.Health;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Health;

public sealed class HealthFunctions(HealthService health)
{
    [Function("Health")]
    [Anonymous]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        return new ApiResult(report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, report);
    }

    /// <summary>Load balancers and uptime probes that use HEAD: the same check, the status alone.</summary>
    [Function("HeadHealth")]
    [Anonymous]
    public async Task<IActionResult> Head(
        [HttpTrigger(AuthorizationLevel.Anonymous, "head", Route = "health")] HttpRequest request, CancellationToken ct)
    {
        var report = await health.CheckAsync(ct);
        return new ApiResult(report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, null);
    }
}
