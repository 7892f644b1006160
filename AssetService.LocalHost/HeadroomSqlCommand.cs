using AssetService.Core.Headroom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AssetService.LocalHost;

/// <summary>
/// <c>dotnet AssetService.LocalHost.dll headroom-sql csv|json QUERY</c>: prints, as a pgbench script of one
/// pipeline, the statements that <c>GET /api/v1/headroom?QUERY</c> runs (the CSV answer: its line count and
/// its first read; JSON: its page), with the request's values in place of the parameters. bench/headroom.sh
/// measures the service against it, so the raw SQL is the code's and cannot fall out of step.
/// </summary>
public static class HeadroomSqlCommand
{
    public static int Run(string[] args)
    {
        if (args is not [var answer and ("csv" or "json"), var query])
        {
            Console.Error.WriteLine("usage: headroom-sql csv|json 'asset_ids=...&from=...&to=...'");
            return 2;
        }
        var request = HeadroomQuery.Bind(new QueryCollection(QueryHelpers.ParseQuery(query)));
        Console.WriteLine("\\startpipeline");
        foreach (var sql in answer == "csv" ? HeadroomCsv.Sql(request) : HeadroomService.Sql(request)) Console.WriteLine(sql + ";");
        Console.WriteLine("\\endpipeline");
        return 0;
    }
}
