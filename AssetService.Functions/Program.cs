using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
LogDefaults.InsertLowestPriority(builder.Configuration, LogDefaults.Levels);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ErrorMappingMiddleware>();
builder.UseMiddleware<AccessMiddleware>();
builder.Services.AddAssetService(builder.Configuration);
builder.Services.AddAssetServiceTelemetry(builder.Configuration);

// No DDL here: migrations are a deployment step run by an administrator (docs/deploy.md), and the
// app's own role may only read and write data.
builder.Build().Run();
