using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Connections.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace ExternalConnections.Api.Data;

public sealed class ConnectionsDbContext(DbContextOptions<ConnectionsDbContext> options) : DbContext(options)
{
    public DbSet<ExternalConnection> ExternalConnections => Set<ExternalConnection>();

    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConnectionsDbContext).Assembly);
}
