using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure.Security;

/// <summary>Settings of the <c>RateLimiting</c> section: a token bucket per caller.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a caller may send at once before waiting: the bucket's size.</summary>
    public int BurstLimit { get; set; } = 200;

    /// <summary>Requests per second a caller may keep up: the bucket's refill rate.</summary>
    public int RequestsPerSecond { get; set; } = 100;
}

public static class RateLimitingSetup
{
    /// <summary>Rate-limiting policy of every /api route.</summary>
    public const string PerCallerPolicy = "PerCaller";

    /// <summary>
    /// Limits each caller, identified by the token's subject or else the client address, with a
    /// token bucket. A request over the limit gets a 429 problem with Retry-After.
    /// </summary>
    public static IServiceCollection AddPerCallerRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName);
        services.AddRateLimiter(options =>
        {
            options.OnRejected = WriteProblemAsync;
            options.AddPolicy(PerCallerPolicy, Partition);
        });
        return services;
    }

    /// <summary>Stops start-up when the limits are on but not positive, since the limiter rejects them.</summary>
    public static void CheckRateLimitingSettings(this WebApplication app)
    {
        var settings = StartupSettings.Read<RateLimitingOptions>(app.Services, RateLimitingOptions.SectionName);

        if (settings.Enabled && (settings.BurstLimit < 1 || settings.RequestsPerSecond < 1))
        {
            throw new StartupException(
                $"Invalid setting in the '{RateLimitingOptions.SectionName}' section: BurstLimit ({settings.BurstLimit}) and "
                + $"RequestsPerSecond ({settings.RequestsPerSecond}) must be at least 1. Set Enabled=false to switch limits off.");
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext httpContext)
    {
        var settings = httpContext.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (!settings.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetTokenBucketLimiter(PartitionKey(httpContext), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.BurstLimit,
            TokensPerPeriod = settings.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string PartitionKey(HttpContext httpContext) =>
        httpContext.User.FindFirst("sub")?.Value is { } subject && !string.IsNullOrWhiteSpace(subject)
            ? $"sub:{subject}"
            : $"ip:{httpContext.Connection.RemoteIpAddress}";

    private static async ValueTask WriteProblemAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This caller sent more requests than its limit allows; retry after {seconds} second(s).",
            },
        });
    }
}
