using Npgsql;

namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>Classifies exceptions from the database layer, which EF Core may wrap.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// Whether the database could not serve the request for now: refused or broken connections,
    /// timeouts, an exhausted pool, shutdown, deadlocks and serialization failures. Npgsql marks
    /// these as transient; a later retry may succeed.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        Chain(exception).Any(inner => inner is NpgsqlException { IsTransient: true } or TimeoutException);

    /// <summary>The first Npgsql error in the chain, if any.</summary>
    public static NpgsqlException? FindNpgsqlError(Exception exception) =>
        Chain(exception).OfType<NpgsqlException>().FirstOrDefault();

    /// <summary>The PostgreSQL error in the chain, when the server rejected a statement.</summary>
    public static PostgresException? FindServerError(Exception exception) =>
        Chain(exception).OfType<PostgresException>().FirstOrDefault();

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
