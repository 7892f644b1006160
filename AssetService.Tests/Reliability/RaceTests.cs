using System.Text.Json;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Reliability;

/// <summary>
/// Concurrent partial limit upserts, from different sources and from the same source on overlapping
/// slots, end in the state of some serial order of the same requests, and never deadlock.
/// </summary>
public sealed class RaceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Columns = ["power_charge", "power_discharge", "energy_low", "energy_high", "trading_locked"];

    // Each batch sets some columns; together they overlap on every column but energy_low.
    private static readonly Dictionary<string, object>[] Batches =
    [
        new() { ["power_charge"] = -1m, ["energy_high"] = 5m },
        new() { ["power_charge"] = -2m, ["trading_locked"] = true },
        new() { ["energy_low"] = 1m, ["energy_high"] = 4m },
        new() { ["trading_locked"] = false, ["power_discharge"] = 3m, ["power_charge"] = -3m },
    ];

    [Fact]
    public async Task Concurrent_partial_limit_upserts_end_in_the_state_of_some_serial_order()
    {
        var a = await AssetApi.CreateAsync(api.Client);
        var b = await AssetApi.CreateAsync(api.Client);
        (string Asset, string Source)[] keys = [(a, "PV"), (b, "CUSTOMER"), (a, "CUSTOMER"), (b, "PV")];
        var serialStates = Permutations(Enumerable.Range(0, Batches.Length).ToArray()).Select(FinalState).ToArray();

        for (var round = 0; round < 5; round++)
        {
            var day = new DateOnly(2026, 6, 1).AddDays(round).ToString("yyyy-MM-dd");
            var responses = await Task.WhenAll(Batches.Select((values, i) =>
            {
                // Entries in opposite key orders: a service writing rows unsorted would deadlock here.
                var ordered = i % 2 == 0 ? keys : keys.Reverse().ToArray();
                return api.Client.PatchLimitsAsync(ordered.Select(k => LimitEntry(k.Asset, k.Source, day, Values(values), "06:00", "12:00")).ToArray());
            }));
            Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));

            var groups = await api.Client.GetLimitGroupsAsync($"asset_ids={a},{b}&from={day}T06:00:00Z&to={day}T12:00:00Z");
            Assert.Equal(2 * 24, groups.Length);
            var rows = groups.SelectMany(g => g.GetProperty("sources").EnumerateArray()).Select(State).Distinct().ToArray();
            var state = Assert.Single(rows);
            Assert.Contains(state, serialStates);
        }
    }

    private static string Values(Dictionary<string, object> values) =>
        string.Join(", ", values.Select(v => $"\"{v.Key}\": {JsonSerializer.Serialize(v.Value)}"));

    private static string FinalState(int[] order)
    {
        var state = Columns.ToDictionary(c => c, _ => (object?)null);
        foreach (var i in order)
            foreach (var (column, value) in Batches[i]) state[column] = value;
        return string.Join("|", Columns.Select(c => Format(state[c])));
    }

    private static string State(JsonElement row) =>
        string.Join("|", Columns.Select(c => row.GetProperty(c) switch
        {
            { ValueKind: JsonValueKind.Null } => Format(null),
            { ValueKind: JsonValueKind.True or JsonValueKind.False } v => Format(v.GetBoolean()),
            var v => Format(v.GetDecimal()),
        }));

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString("0.################", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany(first => Permutations(items.Where(i => i != first).ToArray()).Select(rest => rest.Prepend(first).ToArray()));
}
