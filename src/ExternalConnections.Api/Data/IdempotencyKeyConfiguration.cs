using ExternalConnections.Api.Connections.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExternalConnections.Api.Data;

public sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public const string TableName = "idempotency_keys";

    public void Configure(EntityTypeBuilder<IdempotencyKey> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(key => new { key.CallerSubject, key.Key });
        builder.Property(key => key.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
        builder.Property(key => key.ResponseBody).HasColumnType("text");

        // Serves the periodic deletion of expired keys.
        builder.HasIndex(key => key.ExpiresAt);
    }
}
