using ExternalConnections.Api.Connections;
using Microsoft.EntityFrameworkCore;

namespace ExternalConnections.Api.Data;

public sealed class ConnectionsDbContext(DbContextOptions<ConnectionsDbContext> options) : DbContext(options)
{
    public DbSet<ExternalConnection> ExternalConnections => Set<ExternalConnection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConnectionsDbContext).Assembly);
}
