using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Security;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFixture fixture)
{
    [Theory]
    [InlineData("GET", "/api/v1/external-connections")]
    [InlineData("GET", "/api/v1/external-connections/01a24209-168d-7db0-9a34-4618bd1f45a4")]
    [InlineData("POST", "/api/v1/external-connections")]
    [InlineData("DELETE", "/api/v1/external-connections/01a24209-168d-7db0-9a34-4618bd1f45a4")]
    public async Task ApiRoute_WithoutToken_Returns401Problem(string method, string path)
    {
        using var client = fixture.Factory.CreateClientWithToken(null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task ApiRoute_WithExpiredToken_Returns401()
    {
        var expired = TestTokens.Create("expired", roles: [TestTokens.AdminRole], expires: DateTime.UtcNow.AddMinutes(-10));

        using var response = await ListAsync(expired);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiRoute_WithTokenSignedByAnotherKey_Returns401()
    {
        var forged = TestTokens.Create("forger", roles: [TestTokens.AdminRole], signingKey: new byte[32]);

        using var response = await ListAsync(forged);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("another-issuer", TestTokens.Audience)]
    [InlineData(TestTokens.Issuer, "another-audience")]
    public async Task ApiRoute_WithTokenForAnotherIssuerOrAudience_Returns401(string issuer, string audience)
    {
        var token = TestTokens.Create("stranger", roles: [TestTokens.AdminRole], issuer: issuer, audience: audience);

        using var response = await ListAsync(token);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiRoute_WithRejectedToken_LogsWhy()
    {
        var expired = TestTokens.Create("expired", roles: [TestTokens.AdminRole], expires: DateTime.UtcNow.AddMinutes(-10));

        using var response = await ListAsync(expired);

        var traceId = (await response.ReadJsonAsync()).GetProperty("traceId").GetString()!;
        var line = await fixture.Factory.Logs.WaitForLineAsync(entry =>
            entry.Contains(traceId, StringComparison.Ordinal) && entry.Contains("Rejected a bearer token", StringComparison.Ordinal));
        Assert.Contains("IDX10223", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRoute_WithRejectedToken_ChallengeDoesNotSayWhy()
    {
        var expired = TestTokens.Create("expired", roles: [TestTokens.AdminRole], expires: DateTime.UtcNow.AddMinutes(-10));

        using var response = await ListAsync(expired);

        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.ToString());
    }

    [Fact]
    public async Task ApiRoute_WithGarbageToken_Returns401()
    {
        using var response = await ListAsync("not-a-jwt");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/metrics")]
    public async Task OperationalRoute_WithoutToken_Returns200(string path)
    {
        using var client = fixture.Factory.CreateClientWithToken(null);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> ListAsync(string token)
    {
        using var client = fixture.Factory.CreateClientWithToken(token);
        return await client.ListConnectionsAsync("limit=1");
    }
}
