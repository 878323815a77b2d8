using ExternalConnections.Api.Infrastructure.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExternalConnections.Api.Data;

/// <summary>Stores an enum as its snake_case wire name, so the database reads like the API.</summary>
public sealed class SnakeCaseEnumValueConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => SnakeCaseNames<TEnum>.ToName(value),
    name => SnakeCaseNames<TEnum>.Parse(name))
    where TEnum : struct, Enum;
