namespace AssetService.Core.Common;

/// <summary>The answer of a bulk upsert: <c>{"upserted": n}</c>, the number of rows inserted or updated.</summary>
public sealed record UpsertResult(int Upserted);
