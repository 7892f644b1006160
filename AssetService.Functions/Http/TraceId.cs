using AssetService.Core.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace AssetService.Functions.Http;

/// <summary>
/// Every HTTP response names its W3C trace id in <c>x-request-id</c>, so a caller can quote it and an
/// operator can find the request's spans and logs; a 500 body names it too.
/// </summary>
public static class TraceId
{
    public const string Header = "x-request-id";

    /// <summary>The header's value as the document shows it: <see cref="ActivityTraceId.ToHexString"/>, 32 lower-case hex digits.</summary>
    public static readonly FieldSchema Schema = Wire.Pattern("^[0-9a-f]{32}$");

    /// <summary>The trace id of the current span, else of a W3C <c>traceparent</c> (<c>00-traceid-spanid-flags</c>).</summary>
    public static string? Current(string? traceParent = null)
    {
        if (Activity.Current is { } activity && activity.TraceId != default) return activity.TraceId.ToHexString();
        return traceParent is { Length: >= 55 } && traceParent[2] == '-' ? traceParent.Substring(3, 32) : null;
    }

    public static void Stamp(HttpResponse response, string? traceId)
    {
        if (traceId is not null && !response.HasStarted) response.Headers[Header] = traceId;
    }
}
