using AssetService.Core.Database;
using AssetService.Functions;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ErrorMappingMiddleware>();
builder.UseMiddleware<AccessMiddleware>();
builder.Services.AddAssetService(builder.Configuration);

var app = builder.Build();
app.Services.GetRequiredService<DatabaseMigrator>().Migrate();
app.Run();
