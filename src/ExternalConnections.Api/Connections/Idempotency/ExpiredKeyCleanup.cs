using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Connections.Idempotency;

/// <summary>
/// Deletes expired idempotency keys at a fixed interval. Expired keys are already ignored when
/// claimed; this only keeps the table from growing.
/// </summary>
public sealed class ExpiredKeyCleanup(
    IServiceScopeFactory scopes,
    IOptions<IdempotencyOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpiredKeyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await DeleteExpiredAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. When the host failed to start, it never asked this service to stop, so an
            // escaping cancellation would be logged as the service's failure.
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var deleted = await scope.ServiceProvider.GetRequiredService<IdempotencyKeys>().DeleteExpiredAsync(stoppingToken);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} expired idempotency keys", deleted);
            }
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            // The next tick tries again: neither a database outage nor a timed-out command may stop the service.
            logger.LogWarning(exception, "Deleting expired idempotency keys failed");
        }
    }
}
