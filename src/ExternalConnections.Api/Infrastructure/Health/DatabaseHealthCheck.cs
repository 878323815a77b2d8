using ExternalConnections.Api.Data;
using ExternalConnections.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ExternalConnections.Api.Infrastructure.Health;

/// <summary>
/// Healthy when PostgreSQL answers a query and every migration in this build is applied.
/// Reading the migrations history is that query, so the check costs two small queries.
/// </summary>
public sealed class DatabaseHealthCheck(ConnectionsDbContext db, OutageLogThrottle outageLog, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        List<string> pending;
        try
        {
            // Without the history table no migration ran; asking for pending ones would log an error.
            if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The schema does not exist: no migration has been applied.");
            }

            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reason goes to the log only: it names hosts that callers of /health need not see.
            // Probes repeat every few seconds, so they share the outage warnings' throttle.
            if (outageLog.TryEnter(out var skipped))
            {
                logger.LogWarning(
                    "Readiness check failed: PostgreSQL did not respond: {Reason} ({Skipped} similar failures not logged since the last warning)",
                    exception.GetBaseException().Message,
                    skipped);
            }

            return HealthCheckResult.Unhealthy("PostgreSQL did not answer.");
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy("PostgreSQL answers and the schema is up to date.")
            : HealthCheckResult.Unhealthy($"The schema is not up to date: {pending.Count} migration(s) pending.");
    }
}
