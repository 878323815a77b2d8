using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Infrastructure.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExternalConnections.Api.Data;

/// <summary>
/// Maps <see cref="ExternalConnection"/> to the <c>external_connections</c> table. Column names
/// are the snake_case of the property names (see <c>UseSnakeCaseNamingConvention</c>).
/// </summary>
public sealed class ExternalConnectionConfiguration : IEntityTypeConfiguration<ExternalConnection>
{
    public void Configure(EntityTypeBuilder<ExternalConnection> builder)
    {
        builder.ToTable("external_connections", table =>
        {
            AddAllowedValuesCheck<ConnectionProvider>(table, "provider");
            AddAllowedValuesCheck<ConnectionType>(table, "connection_type");
            AddAllowedValuesCheck<ConnectionStatus>(table, "connection_status");
            AddAllowedValuesCheck<VisibilityMode>(table, "visibility_mode");
            AddAllowedValuesCheck<ConnectionRole>(table, "connection_role");
        });

        builder.HasKey(connection => connection.Id);
        builder.Property(connection => connection.Id).ValueGeneratedNever();

        MapEnum(builder.Property(connection => connection.Provider));
        MapEnum(builder.Property(connection => connection.ConnectionType));
        MapEnum(builder.Property(connection => connection.ConnectionStatus));
        MapEnum(builder.Property(connection => connection.VisibilityMode));
        MapEnum(builder.Property(connection => connection.ConnectionRole));

        builder.Property(connection => connection.WorkspaceId).HasMaxLength(ConnectionLimits.IdentifierMaxLength);
        builder.Property(connection => connection.OwningWorkspaceId).HasMaxLength(ConnectionLimits.IdentifierMaxLength);
        builder.Property(connection => connection.OwningUserId).HasMaxLength(ConnectionLimits.IdentifierMaxLength);
        builder.Property(connection => connection.ExternalPrincipalId).HasMaxLength(ConnectionLimits.IdentifierMaxLength);
        builder.Property(connection => connection.ExternalSub).HasMaxLength(ConnectionLimits.IdentifierMaxLength);
        builder.Property(connection => connection.Label).HasMaxLength(ConnectionLimits.LabelMaxLength);
        builder.Property(connection => connection.EncryptedCredentialsRef)
            .HasMaxLength(ConnectionLimits.CredentialsRefMaxLength);

        builder.Property(connection => connection.Scopes).HasColumnType("text[]");
        builder.Property(connection => connection.Configuration).HasColumnType("jsonb");

        builder.Property(connection => connection.Version).IsConcurrencyToken();

        AddListIndexes(builder);
    }

    private static void MapEnum<TEnum>(PropertyBuilder<TEnum> property)
        where TEnum : struct, Enum =>
        property.HasConversion(new SnakeCaseEnumValueConverter<TEnum>()).HasColumnType("text");

    private static void AddAllowedValuesCheck<TEnum>(TableBuilder<ExternalConnection> table, string column)
        where TEnum : struct, Enum
    {
        var allowed = string.Join(", ", SnakeCaseNames<TEnum>.All.Select(name => $"'{name}'"));
        table.HasCheckConstraint($"ck_external_connections_{column}", $"{column} IN ({allowed})");
    }

    /// <summary>
    /// Indexes for keyset pages: every sort (created_at or updated_at, then id) alone and after
    /// each identifier filter, so a page is an index range scan at any depth. The enum and
    /// boolean filters have few values and use the sort index with a filter instead.
    /// </summary>
    private static void AddListIndexes(EntityTypeBuilder<ExternalConnection> builder)
    {
        builder.HasIndex(connection => new { connection.CreatedAt, connection.Id });
        builder.HasIndex(connection => new { connection.UpdatedAt, connection.Id });

        builder.HasIndex(connection => new { connection.WorkspaceId, connection.CreatedAt, connection.Id });
        builder.HasIndex(connection => new { connection.WorkspaceId, connection.UpdatedAt, connection.Id });

        builder.HasIndex(connection => new { connection.OwningWorkspaceId, connection.CreatedAt, connection.Id })
            .HasFilter("owning_workspace_id IS NOT NULL");
        builder.HasIndex(connection => new { connection.OwningWorkspaceId, connection.UpdatedAt, connection.Id })
            .HasFilter("owning_workspace_id IS NOT NULL");

        builder.HasIndex(connection => new { connection.OwningUserId, connection.CreatedAt, connection.Id })
            .HasFilter("owning_user_id IS NOT NULL");
        builder.HasIndex(connection => new { connection.OwningUserId, connection.UpdatedAt, connection.Id })
            .HasFilter("owning_user_id IS NOT NULL");

        builder.HasIndex(connection => new { connection.ExternalPrincipalId, connection.CreatedAt, connection.Id })
            .HasFilter("external_principal_id IS NOT NULL");
        builder.HasIndex(connection => new { connection.ExternalPrincipalId, connection.UpdatedAt, connection.Id })
            .HasFilter("external_principal_id IS NOT NULL");
    }
}
