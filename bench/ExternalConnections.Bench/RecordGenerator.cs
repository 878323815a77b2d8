using System.Globalization;
using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Bench;

/// <summary>
/// Generates realistic records from a seeded <see cref="Random"/>, so the same seed loads the same
/// values (ids aside, which <see cref="Guid.CreateVersion7(DateTimeOffset)"/> draws from the system).
/// </summary>
public sealed class RecordGenerator(Random random, DateTimeOffset now, IReadOnlyList<string> workspaceIds)
{
    private static readonly (ConnectionStatus Value, int Weight)[] Statuses =
    [
        (ConnectionStatus.Active, 80),
        (ConnectionStatus.Disconnected, 6),
        (ConnectionStatus.Expired, 6),
        (ConnectionStatus.Revoked, 4),
        (ConnectionStatus.Error, 4),
    ];

    private static readonly (VisibilityMode Value, int Weight)[] VisibilityModes =
    [
        (VisibilityMode.WorkspaceLocal, 60),
        (VisibilityMode.Shared, 25),
        (VisibilityMode.Global, 15),
    ];

    private static readonly (ProviderProfile Value, int Weight)[] Providers =
        ProviderProfile.All.Select(profile => (profile, profile.Weight)).ToArray();

    private static readonly string[] Purposes =
        ["alerts", "support", "engineering", "sales", "on-call", "release notes", "daily digest", "incidents", "onboarding"];

    private static readonly string[] Regions = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1"];

    private static readonly string[] TimeZones = ["Europe/Berlin", "Europe/London", "America/New_York", "Asia/Singapore", "UTC"];

    /// <summary>Longest gap between creation and the last update of a seeded record.</summary>
    private static readonly TimeSpan MaxUpdateDelay = TimeSpan.FromDays(60);

    /// <summary>Longest time since the last synchronisation of a seeded record.</summary>
    private static readonly TimeSpan MaxSyncAge = TimeSpan.FromDays(7);

    public SeedRecord Create(DateTimeOffset createdAt, int workspaceIndex)
    {
        var workspaceId = workspaceIds[workspaceIndex];
        var profile = Pick(Providers);
        var connectionType = profile.ConnectionTypes[random.Next(profile.ConnectionTypes.Count)];
        var visibility = Pick(VisibilityModes);
        var role = Chance(0.3) ? ConnectionRole.Orchestrator : ConnectionRole.Personal;
        var id = Guid.CreateVersion7(createdAt);

        return new SeedRecord
        {
            Id = id,
            CreatedAt = createdAt,
            UpdatedAt = Chance(0.5) ? createdAt : Between(createdAt, Min(now, createdAt + MaxUpdateDelay)),
            Provider = SnakeCaseNames<ConnectionProvider>.ToName(profile.Provider),
            ConnectionType = SnakeCaseNames<ConnectionType>.ToName(connectionType),
            ConnectionStatus = SnakeCaseNames<ConnectionStatus>.ToName(Pick(Statuses)),
            OwningWorkspaceId = visibility == VisibilityMode.Shared
                ? (Chance(0.7) ? workspaceId : workspaceIds[random.Next(workspaceIds.Count)])
                : null,
            OwningUserId = Chance(role == ConnectionRole.Personal ? 0.9 : 0.1)
                ? $"usr-{workspaceIndex + 1}-{random.Next(1, 51):D3}"
                : null,
            Label = Chance(0.9) ? $"{profile.DisplayName} {Purposes[random.Next(Purposes.Length)]} {random.Next(1, 100)}" : null,
            Scopes = PickScopes(profile.Scopes),
            EncryptedCredentialsRef = Chance(0.9) ? $"vault:secret/external-connections/{workspaceId}/{id:N}" : null,
            ExternalPrincipalId = Chance(0.7) ? $"principal-{RandomHex()}{RandomHex()}" : null,
            Configuration = Chance(0.8) ? CreateConfiguration(profile) : null,
            LastSyncAt = Chance(0.75) ? Between(Max(createdAt, now - MaxSyncAge), now) : null,
            WorkspaceId = workspaceId,
            VisibilityMode = SnakeCaseNames<VisibilityMode>.ToName(visibility),
            ExternalSub = Chance(0.5) ? $"sub-{RandomHex()}{RandomHex()}" : null,
            ConnectionRole = SnakeCaseNames<ConnectionRole>.ToName(role),
            AiAccessEnabled = Chance(0.35),
        };
    }

    /// <summary>Truncates to whole microseconds, the precision of PostgreSQL timestamptz.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>Returns a small configuration object in one of four shapes, as compact JSON.</summary>
    private string CreateConfiguration(ProviderProfile profile)
    {
        var invariant = CultureInfo.InvariantCulture;
        return random.Next(4) switch
        {
            0 => string.Create(invariant, $$$"""{"channel":"#{{{Purposes[random.Next(Purposes.Length)].Replace(' ', '-')}}}-{{{random.Next(1, 100)}}}","notifyOnError":{{{(Chance(0.5) ? "true" : "false")}}},"retry":{"maxAttempts":{{{random.Next(1, 6)}}},"backoffMs":{{{random.Next(1, 11) * 100}}}}}"""),
            1 => string.Create(invariant, $$"""{"region":"{{Regions[random.Next(Regions.Length)]}}","syncIntervalMinutes":{{random.Next(1, 13) * 5}},"folders":["inbox","reports"]}"""),
            2 => string.Create(invariant, $$"""{"provider":"{{profile.DisplayName}}","events":["created","updated","deleted"],"batchSize":{{random.Next(1, 11) * 10}},"verifySignature":true}"""),
            _ => string.Create(invariant, $$"""{"timezone":"{{TimeZones[random.Next(TimeZones.Length)]}}","quietHours":{"start":"22:00","end":"07:00"},"language":"en"}"""),
        };
    }

    /// <summary>Picks 1 to 4 distinct scopes of the provider in random order.</summary>
    private string[] PickScopes(IReadOnlyList<string> scopes)
    {
        var shuffled = scopes.ToArray();
        random.Shuffle(shuffled);
        return shuffled[..random.Next(1, Math.Min(4, shuffled.Length) + 1)];
    }

    private T Pick<T>((T Value, int Weight)[] weighted)
    {
        var roll = random.Next(weighted.Sum(item => item.Weight));
        foreach (var (value, weight) in weighted)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The weights do not cover the roll.");
    }

    private bool Chance(double probability) => random.NextDouble() < probability;

    private DateTimeOffset Between(DateTimeOffset start, DateTimeOffset end) =>
        ToMicroseconds(start + ((end - start) * random.NextDouble()));

    private string RandomHex() => random.Next().ToString("x8", CultureInfo.InvariantCulture);

    private static DateTimeOffset Min(DateTimeOffset left, DateTimeOffset right) => left < right ? left : right;

    private static DateTimeOffset Max(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;
}
