using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Security;

/// <summary>A service that allows one browser origin and three requests per caller at once.</summary>
public sealed class LimitedFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.example.test";

    private string connectionString = string.Empty;

    public ApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        connectionString = await PostgresServer.CreateDatabaseAsync();
        Factory = new ApiFactory(connectionString, new Dictionary<string, string>
        {
            ["Cors:AllowedOrigins:0"] = AllowedOrigin,
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:BurstLimit"] = "3",
            ["RateLimiting:RequestsPerSecond"] = "1",
        });
        Factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(connectionString);
    }
}

/// <summary>CORS for browser apps, per-caller rate limits, forwarded headers and security headers.</summary>
public sealed class BrowserAndLimitTests(LimitedFixture fixture) : IClassFixture<LimitedFixture>
{
    [Fact]
    public async Task Preflight_ForAConditionalMergePatch_IsAllowedForTheConfiguredOrigin()
    {
        using var client = fixture.Factory.CreateClientWithToken(null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{ConnectionsApi.BasePath}/{Guid.NewGuid()}");
        preflight.Headers.Add("Origin", LimitedFixture.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, if-match");

        using var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(LimitedFixture.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PATCH", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("If-Match", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        using var client = fixture.Factory.CreateClientWithToken(null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, ConnectionsApi.BasePath);
        preflight.Headers.Add("Origin", "https://evil.example.test");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task CrossOriginCreate_ExposesETagAndLocation()
    {
        using var client = fixture.Factory.CreateClientWithToken(TestTokens.Admin());
        using var request = new HttpRequestMessage(HttpMethod.Post, ConnectionsApi.BasePath)
        {
            Content = new StringContent(ConnectionsApi.NewBody().ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", LimitedFixture.AllowedOrigin);

        using var response = await client.SendAsync(request);
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("ETag", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Location", exposed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Caller_OverTheRateLimit_Gets429WithRetryAfter_WhileOthersProceed()
    {
        using var busy = fixture.Factory.CreateClientWithToken(TestTokens.Member("ws-busy"));
        using var other = fixture.Factory.CreateClientWithToken(TestTokens.Member("ws-other"));

        var responses = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            responses.Add(await busy.ListConnectionsAsync("limit=1"));
        }

        using var otherResponse = await other.ListConnectionsAsync("limit=1");

        var limited = responses.First(response => response.StatusCode == HttpStatusCode.TooManyRequests);
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>
    /// Loopback is a trusted proxy by default, so X-Forwarded-For from the test client names the
    /// client address that anonymous requests are limited by.
    /// </summary>
    [Fact]
    public async Task AnonymousCallers_AreLimitedByTheirForwardedAddress()
    {
        using var client = fixture.Factory.CreateClientWithToken(null);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            statuses.Add(await SendAnonymousAsync(client, "203.0.113.10"));
        }

        var fromAnotherAddress = await SendAnonymousAsync(client, "203.0.113.11");

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, fromAnotherAddress);
    }

    [Fact]
    public async Task ApiResponse_CarriesSecurityHeaders()
    {
        using var client = fixture.Factory.CreateClientWithToken(null);

        using var response = await client.GetAsync(ConnectionsApi.BasePath);

        AssertApiSecurityHeaders(response);
    }

    [Fact]
    public async Task ProblemFromExceptionHandler_CarriesSecurityHeaders()
    {
        using var client = fixture.Factory.CreateClientWithToken(TestTokens.Admin());

        // A body that is not JSON fails binding, and the exception handler writes the 400.
        using var response = await client.PostConnectionAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertApiSecurityHeaders(response);
    }

    [Fact]
    public async Task ApiResponse_ForAnUppercasePath_IsAlsoMarkedNoStore()
    {
        using var client = fixture.Factory.CreateClientWithToken(TestTokens.Admin());

        // Routing matches paths regardless of case, so /API/... reaches the same endpoint.
        using var response = await client.GetAsync(ConnectionsApi.BasePath.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SwaggerUi_IsServedWithoutTheApiContentSecurityPolicy()
    {
        using var client = fixture.Factory.CreateClientWithToken(null);

        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    private static async Task<HttpStatusCode> SendAnonymousAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ConnectionsApi.BasePath);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static void AssertApiSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
