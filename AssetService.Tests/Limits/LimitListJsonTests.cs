using System.Text;
using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Core.Limits;
using AssetService.Tests.Support;
using Npgsql;

namespace AssetService.Tests.Limits;

/// <summary>
/// The hand-written page writer against its declaration: for random rows (nulls, fractions, several sources a
/// slot) it writes exactly what the serializer writes for the same <see cref="LimitList"/> records, so every
/// field's name, order, format and the computed block agree with the schema written from those records.
/// </summary>
public sealed class LimitListJsonTests
{
    private static readonly string[] Sources = ["AVAILABILITY", "CUSTOMER", "OPERATIONS", "PV", "REPORTED"];

    [Fact]
    public async Task A_page_is_what_the_serializer_writes_for_the_same_records()
    {
        var random = new Random(20261202);
        var slots = RandomSlots(random).ToArray();
        var rows = slots.SelectMany(s => s.Sources.Select(source => (Slot: s, Source: source))).ToArray();

        await using var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await connection.OpenAsync();
        // The columns in another order than the fields: the writer finds each by its name.
        await using var command = new NpgsqlCommand("""
            SELECT asset_id, updated_at, energy_high, energy_low, power_discharge, power_charge, trading_locked, source,
                   delivery_day, end_time, start_time
            FROM unnest($1::text[], $2::timestamptz[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[],
                $7::boolean[], $8::text[], $9::date[], $10::timestamptz[], $11::timestamptz[])
                AS t(asset_id, updated_at, energy_high, energy_low, power_discharge, power_charge, trading_locked, source,
                     delivery_day, end_time, start_time)
            ORDER BY asset_id, start_time, source
            """, connection);
        command.Parameters.Add(new() { Value = rows.Select(r => r.Slot.AssetId).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.UpdatedAt).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.EnergyHigh).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.EnergyLow).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.PowerDischarge).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.PowerCharge).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.TradingLocked).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Source.Source).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Slot.DeliveryDay).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Slot.EndTime).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Slot.StartTime).ToArray() });

        using var output = new JsonBuffer();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            using var page = new LimitListJson(output, reader, 50, 7);
            (string? Asset, DateTime Start) open = (null, default);
            while (await reader.ReadAsync())
            {
                var key = (reader.GetString(page.Columns.AssetId), reader.GetDateTime(page.Columns.StartTime));
                if (key != open) page.StartSlot(reader, key.Item1, key.Item2);
                open = key;
                page.WriteSource(reader);
            }
            page.Complete();
        }

        var expected = JsonSerializer.Serialize(new LimitList(50, 7, slots), Json.Options);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.Written.Span));
    }

    private static IEnumerable<LimitSlot> RandomSlots(Random random)
    {
        var day = new DateOnly(2026, 10, 25);
        foreach (var asset in new[] { "DE_50HZ_WU_1", "DE_50HZ_WU_2", "PL_PSE_KOZ_1" })
            for (var k = 0; k < 8; k++)
            {
                var start = new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc).AddMinutes(15 * k);
                var sources = Sources.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Sources[random.Next(Sources.Length)])
                    .Select(source => new SourceLimits(source, Maybe(random, -Amount(random)), Maybe(random, Amount(random)),
                        Maybe(random, Amount(random)), Maybe(random, Amount(random)),
                        random.Next(3) switch { 0 => null, 1 => true, _ => false },
                        start.AddDays(-1).AddTicks(random.Next(0, 10_000_000) * 10L)))
                    .ToArray();
                yield return new LimitSlot(asset, start, start.AddMinutes(15), day, sources, MostRestrictive(sources));
            }
    }

    // Contract: power_charge the max, power_discharge the min, energy_low the max, energy_high the min, any lock; nulls ignored.
    private static ComputedLimits MostRestrictive(IReadOnlyList<SourceLimits> sources) => new(
        sources.Max(s => s.PowerCharge), sources.Min(s => s.PowerDischarge),
        sources.Max(s => s.EnergyLow), sources.Min(s => s.EnergyHigh), sources.Any(s => s.TradingLocked == true));

    private static decimal Amount(Random random) => Math.Round((decimal)random.NextDouble() * 120m, random.Next(0, 4));

    private static decimal? Maybe(Random random, decimal value) => random.Next(4) == 0 ? null : value;
}
