using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// One generated list query parameter. <see cref="Value"/> is the decoded value, or null when the
/// encoding is invalid and the decoded text is the server's choice; <see cref="Valid"/> is null
/// when the service may accept or reject it.
/// </summary>
public sealed record QueryParameter(string Name, string? Value, string Encoded, bool? Valid);

/// <summary>Records that the list property creates first, and cursors that point after some of them.</summary>
public sealed record ListWorld(string Workspace, string OtherWorkspace, IReadOnlyList<ListedRecord> Records, IReadOnlyList<(string Cursor, string Sort, string AfterId)> Cursors)
{
    public static readonly string[] OwningWorkspaceIds = ["ow-1", "ow é"];

    public static readonly string[] OwningUserIds = ["u-1", "u+2", "😀"];

    public static readonly string[] ExternalPrincipalIds = ["p/1", "p&2=3"];
}

/// <summary>The filterable fields of a stored record, as strings, and its sort keys.</summary>
public sealed record ListedRecord(string Id, string CreatedAt, string UpdatedAt, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// Generators of list query strings: known parameters with valid and invalid values, unknown and
/// mis-cased names, repeats, odd percent-encoding and cursors that are real, altered or made up.
/// </summary>
public static class HostileQueries
{
    public static readonly string[] Sorts = ["createdAt", "-createdAt", "updatedAt", "-updatedAt"];

    public static readonly string[] IdentifierFilters = ["workspaceId", "owningWorkspaceId", "owningUserId", "externalPrincipalId"];

    public static readonly Dictionary<string, string[]> EnumFilters = new(StringComparer.Ordinal)
    {
        ["provider"] = FieldSpec.Providers,
        ["connectionType"] = FieldSpec.ConnectionTypes,
        ["connectionStatus"] = FieldSpec.Statuses,
        ["visibilityMode"] = FieldSpec.VisibilityModes,
        ["connectionRole"] = FieldSpec.Roles,
        ["aiAccessEnabled"] = ["true", "false"],
    };

    private static readonly string[] UnknownNames =
        ["WorkspaceId", "workspaceid", "Limit", "SORT", "foo", "", "workspaceId[]", "limit ", "page", "offset", "$filter", "provider.name", "id", "q"];

    private static readonly string[] BadSorts = ["CreatedAt", "created_at", "", "+createdAt", "id", "createdAt,id", "-createdAt "];

    private static readonly string[] BadLimits = ["0", "201", "-1", "+5", " 5", "5.0", "1e2", "٥", "99999999999", "", "0x10", "5 "];

    private static readonly string[] BadBooleans = ["True", "1", "", "yes", "false "];

    private static readonly string[] BareNames = ["workspaceId", "provider", "sort", "limit", "cursor", "aiAccessEnabled"];

    private static readonly string[] BadEncodings = ["%ZZ", "%", "%C3%28", "%ED%A0%80", "%FF", "a%2", "%u0041"];

    public static Gen<QueryParameter[]> Query(ListWorld world) =>
        from scoped in Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))
        from workspace in Gen.Frequency((6, Gen.Const(world.Workspace)), (1, Gen.Const(world.OtherWorkspace)))
        from count in Gen.Int[0, 5]
        from parameters in Parameter(world).Array[count]
        from seed in Gen.Int
        select scoped
            ? [Encode("workspaceId", workspace, new Random(seed)), .. parameters]
            : parameters;

    public static string Render(IEnumerable<QueryParameter> parameters) => string.Join("&", parameters.Select(parameter => parameter.Encoded));

    private static Gen<QueryParameter> Parameter(ListWorld world) =>
        from kind in Gen.Int[0, 11]
        from seed in Gen.Int
        from hostile in Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true)))
        from text in HostileText.Field(255)
        from number in Gen.Int[-5, 260]
        select Make(world, kind, hostile, text, number, new Random(seed));

    private static QueryParameter Make(ListWorld world, int kind, bool hostile, ValueCase text, int number, Random random)
    {
        switch (kind)
        {
            case 0 or 1 or 2:
                var name = IdentifierFilters[random.Next(IdentifierFilters.Length)];
                if (!hostile)
                {
                    var pool = name switch
                    {
                        "workspaceId" => [world.Workspace, world.OtherWorkspace],
                        "owningWorkspaceId" => ListWorld.OwningWorkspaceIds,
                        "owningUserId" => ListWorld.OwningUserIds,
                        _ => ListWorld.ExternalPrincipalIds,
                    };
                    return Encode(name, pool[random.Next(pool.Length)], random);
                }

                if (random.Next(4) == 0)
                {
                    return new QueryParameter(name, null, name + "=" + BadEncodings[random.Next(BadEncodings.Length)], null);
                }

                // An unpaired surrogate has no UTF-8 form to percent-encode, so that value becomes NUL, which is invalid too.
                var decoded = DecodeOrNull(text.Json) ?? "x\0";
                return Encode(name, decoded, random, HostileText.IsValid(decoded, 255));
            case 3 or 4 or 5:
                var filter = EnumFilters.Keys.ElementAt(random.Next(EnumFilters.Count));
                var names = EnumFilters[filter];
                return hostile
                    ? Encode(filter, Misspell(names[random.Next(names.Length)], random), random, valid: false)
                    : Encode(filter, names[random.Next(names.Length)], random);
            case 6:
                return hostile
                    ? Encode("sort", BadSorts[random.Next(BadSorts.Length)], random, valid: false)
                    : Encode("sort", Sorts[random.Next(Sorts.Length)], random);
            case 7:
                return hostile
                    ? Encode("limit", BadLimits[random.Next(BadLimits.Length)], random, valid: false)
                    : Encode("limit", Math.Clamp(number, 1, 200).ToString(CultureInfo.InvariantCulture), random);
            case 8:
                return Cursor(world, hostile, random);
            case 9:
                return Encode(UnknownNames[random.Next(UnknownNames.Length)], "x", random, valid: false);
            case 10:
                // A name without '=' has the empty string as its value.
                var bare = BareNames[random.Next(BareNames.Length)];
                return new QueryParameter(bare, string.Empty, bare, false);
            default:
                return Encode("aiAccessEnabled", hostile ? BadBooleans[random.Next(BadBooleans.Length)] : random.Next(2) == 0 ? "true" : "false", random, valid: !hostile);
        }
    }

    private static QueryParameter Cursor(ListWorld world, bool hostile, Random random)
    {
        var (cursor, _, _) = world.Cursors[random.Next(world.Cursors.Count)];
        if (!hostile)
        {
            return Encode("cursor", cursor, random);
        }

        var bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        var altered = cursor.ToCharArray();
        var position = random.Next(altered.Length);
        altered[position] = altered[position] == 'A' ? 'B' : 'A';
        var text = random.Next(4) switch
        {
            0 => new string(altered),
            1 => cursor[..^1],
            2 => Convert.ToBase64String(bytes).TrimEnd('='),
            _ => cursor + "=",
        };
        return Encode("cursor", text, random, valid: false);
    }

    private static string? DecodeOrNull(string json)
    {
        try
        {
            return JsonElement.Parse(json).GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Misspell(string name, Random random) =>
        random.Next(5) switch
        {
            0 => name.ToUpperInvariant(),
            1 => " " + name,
            2 => string.Empty,
            3 => name + "\0",
            _ => name + "x",
        };

    /// <summary>Percent-encodes a parameter, sometimes escaping letters of the name too or writing spaces as '+'.</summary>
    private static QueryParameter Encode(string name, string value, Random random, bool valid = true)
    {
        var encodedName = random.Next(6) == 0 ? EscapeAll(name) : Uri.EscapeDataString(name);
        var encodedValue = Uri.EscapeDataString(value);
        if (random.Next(3) == 0)
        {
            encodedValue = encodedValue.Replace("%20", "+", StringComparison.Ordinal);
        }

        return new QueryParameter(name, value, encodedName + "=" + encodedValue, valid);
    }

    private static string EscapeAll(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(value => "%" + value.ToString("X2", CultureInfo.InvariantCulture)));
}
