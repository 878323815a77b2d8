using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFixture fixture)
{
    [Fact]
    public async Task Metrics_ExposeRequestsPerRouteAndPoolUsageForPrometheus()
    {
        var (created, _) = await fixture.Client.CreateConnectionAsync();
        using var read = await fixture.Client.GetConnectionAsync(created.Id());

        // The exporter serves repeated scrapes from a short cache (300 ms by default), so wait past it.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var response = await fixture.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/external-connections/{id:uuid}\"", text, StringComparison.Ordinal);
        Assert.Contains("http_response_status_code=\"200\"", text, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_count{", text, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_pool_name=\"external-connections\"", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_thread_pool_queue_length", text, StringComparison.Ordinal);
    }
}
