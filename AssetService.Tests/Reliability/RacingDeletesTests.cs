using AssetService.Tests.Support;

namespace AssetService.Tests.Reliability;

/// <summary>
/// Concurrent conditional writes of one asset: the losers are told what actually happened (404 after a
/// concurrent delete, 409 naming the state that refused them), never a refusal by the state they expected.
/// </summary>
public sealed class RacingDeletesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Races = 40;
    private const int Racers = 8;

    [Fact]
    public async Task Of_concurrent_deletes_of_a_draft_one_wins_and_every_loser_gets_404()
    {
        var answers = new List<(int Status, string Body)>();
        for (var race = 0; race < Races; race++)
        {
            var id = await AssetApi.CreateAsync(api.Client);
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, Racers).Select(async _ =>
            {
                using var response = await api.Client.DeleteAsync($"/api/v1/assets/{id}");
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            })));
        }
        Assert.Equal(Races, answers.Count(a => a.Status == 204));
        var wrong = answers.Where(a => a.Status is not (204 or 404)).ToArray();
        Assert.True(wrong.Length == 0, $"{wrong.Length} losers of {Races * (Racers - 1)} answered otherwise, e.g. {wrong.FirstOrDefault()}");
    }

    [Fact]
    public async Task Commissions_racing_a_delete_get_404_or_a_409_that_names_another_state()
    {
        var answers = new List<(int Status, string Body)>();
        for (var race = 0; race < Races; race++)
        {
            var id = await AssetApi.CreateAsync(api.Client);
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, Racers).Select(async i =>
            {
                using var response = i % 2 == 0
                    ? await api.Client.DeleteAsync($"/api/v1/assets/{id}")
                    : await api.Client.PostAsync($"/api/v1/assets/{id}/actions/commission", null);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            })));
        }
        var nonsense = answers.Where(a => a.Status == 409 && a.Body.Contains("lifecycle is DRAFT, expected DRAFT")).ToArray();
        Assert.True(nonsense.Length == 0, $"{nonsense.Length} refusals by the expected state, e.g. {nonsense.FirstOrDefault().Body}");
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { 200, 204, 404, 409 }));
    }
}
