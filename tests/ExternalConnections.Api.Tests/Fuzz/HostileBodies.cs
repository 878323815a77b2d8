using System.Collections.Immutable;
using System.Text;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// One property of a generated body: <c>Name</c> as the service reads it after JSON unescaping,
/// <c>NameJson</c> as sent with quotes and escapes, and the schema <c>Field</c> of that name
/// (null for a name outside the schema).
/// </summary>
public sealed record BodyMember(string Name, string NameJson, ValueCase Value, FieldSpec? Field);

/// <summary>
/// A generated request body and the response the service must give: a 400 naming one of
/// <see cref="Errors"/>, a 413 when it is over the size limit, or a stored record whose fields
/// equal <see cref="Expected"/>, the JSON text of each schema field after the write.
/// </summary>
public sealed record BodyCase(string Json, ImmutableArray<ErrorKey> Errors, IReadOnlyDictionary<string, string>? Expected)
{
    public const int MaxBytes = 1_048_576;

    public bool IsTooLarge => Encoding.UTF8.GetByteCount(Json) > MaxBytes;

    public bool IsValid => Errors.IsEmpty && !IsTooLarge;
}

/// <summary>
/// Generators of create and merge-patch bodies: mostly valid fields with one or two hostile ones,
/// absent required fields, unknown and mis-cased names, escaped names, duplicates and huge padding.
/// </summary>
public static class HostileBodies
{
    private static readonly Gen<double> NameEscapeRate = Gen.Frequency((9, Gen.Const(0.0)), (1, Gen.Const(1.0)));

    /// <summary>Create bodies; the workspaceId is whatever the generator picks, so each case is a new record.</summary>
    public static readonly Gen<BodyCase> Create = Body(FieldSpec.CreateFields, isPatch: false, baseline: null);

    /// <summary>Merge-patch bodies applied to a record whose fields are <paramref name="baseline"/>.</summary>
    public static Gen<BodyCase> Patch(IReadOnlyDictionary<string, string> baseline) =>
        Body(FieldSpec.PatchFields, isPatch: true, baseline);

    /// <summary>A create body that the service must accept, for records that later requests patch.</summary>
    public static readonly Gen<BodyCase> ValidCreate = CreateWith(null, Gen.Const(ValueCase.Valid("null")));

    /// <summary>A valid create body, except that <paramref name="field"/> is present with a value from <paramref name="value"/>.</summary>
    public static Gen<BodyCase> CreateWith(FieldSpec? field, Gen<ValueCase> value) =>
        from values in Sequence(FieldSpec.CreateFields.Select(HostileFields.Valid).ToArray())
        from present in Gen.Bool.Array[FieldSpec.CreateFields.Length]
        from special in value
        from seed in Gen.Int
        select Assemble(
            FieldSpec.CreateFields
                .Select((candidate, index) => candidate == field
                    ? (field: candidate, value: special, present: true)
                    : (field: candidate, value: values[index], present: present[index] || candidate.Required))
                .Where(entry => entry.present)
                .Select(entry => new BodyMember(entry.field.Name, "\"" + entry.field.Name + "\"", entry.value, entry.field))
                .ToList(),
            FieldSpec.CreateFields,
            isPatch: false,
            baseline: null,
            new Random(seed),
            padding: 0);

    /// <summary>Names outside the schema: mis-cased and snake_case field names, read-only names, metadata-like and hostile names.</summary>
    public static Gen<string> UnknownName(FieldSpec[] schema)
    {
        var names = schema.Select(field => field.Name).ToHashSet(StringComparer.Ordinal);
        return Gen.Frequency(
                (4, from field in Gen.OneOf(FieldSpec.CreateFields)
                    from spelling in Gen.Int[0, 3]
                    select spelling switch
                    {
                        0 => char.ToUpperInvariant(field.Name[0]) + field.Name[1..],
                        1 => field.Name.ToUpperInvariant(),
                        2 => field.Name.ToLowerInvariant(),
                        _ => string.Concat(field.Name.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString())),
                    }),
                (3, Gen.OneOf([.. FieldSpec.ReadOnlyNames, .. FieldSpec.FixedNames])),
                (2, Gen.OneOf("", " ", "label ", " provider", "scopes", "configuration", "$", "$type", "$id", "$ref", "$values", "__proto__", "errors")),
                (2, HostileText.ShortString(hostile: false)),
                (1, HostileText.ShortString(hostile: true)))
            .Where(name => !names.Contains(name));
    }

    private static Gen<BodyCase> Body(FieldSpec[] schema, bool isPatch, IReadOnlyDictionary<string, string>? baseline) =>
        from hostileCount in Gen.Frequency((4, Gen.Const(0)), (5, Gen.Const(1)), (2, Gen.Const(2)), (1, Gen.Const(schema.Length)))
        from hostileFields in Gen.Int[0, schema.Length - 1].Array[hostileCount]
        from values in Sequence(schema.Select((field, index) => hostileFields.Contains(index) ? HostileFields.Any(field) : HostileFields.Valid(field)).ToArray())
        from presence in Gen.Int[0, 99].Array[schema.Length]
        from nameEscapes in NameEscapeRate.Array[schema.Length]
        from unknownCount in Gen.Frequency((14, Gen.Const(0)), (4, Gen.Int[1, 3]), (1, Gen.Int[19, 23]))
        from unknownNames in UnknownName(schema).Array[unknownCount]
        from unknownValues in UnknownValue.Array[unknownCount]
        from duplicate in Gen.Frequency((14, Gen.Const(-1)), (1, Gen.Int[0, schema.Length - 1]))
        from padding in Gen.Frequency((200, Gen.Const(0)), (1, Gen.OneOf(-1_000, -1, 0, 1, 1_000)))
        from seed in Gen.Int
        select Build(schema, isPatch, baseline, values, presence, nameEscapes, hostileFields, unknownNames, unknownValues, duplicate, padding, new Random(seed));

    /// <summary>Values of unknown properties: anything, including nesting past the reader's limit of 64.</summary>
    private static readonly Gen<ValueCase> UnknownValue = Gen.Frequency(
        (6, Gen.OneOf("\"x\"", "1", "null", "true", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "1e400").Select(json => ValueCase.Valid(json))),
        (1, Gen.OneOf(64, 65, 100, 2_000).Select(depth => ValueCase.Valid(new string('[', depth) + new string(']', depth)))));

    private static BodyCase Build(
        FieldSpec[] schema,
        bool isPatch,
        IReadOnlyDictionary<string, string>? baseline,
        ValueCase[] values,
        int[] presence,
        double[] nameEscapes,
        int[] hostileFields,
        string[] unknownNames,
        ValueCase[] unknownValues,
        int duplicate,
        int padding,
        Random random)
    {
        var members = new List<BodyMember>();
        for (var index = 0; index < schema.Length; index++)
        {
            var field = schema[index];

            // A patch names few fields. A create always names the required ones, unless a hostile case leaves one out.
            var chance = 50;
            if (isPatch)
            {
                chance = 25;
            }
            else if (field.Required)
            {
                chance = hostileFields.Contains(index) ? 90 : 100;
            }

            if (presence[index] < chance || (hostileFields.Contains(index) && !isPatch))
            {
                members.Add(new BodyMember(field.Name, RawJson.Quote(field.Name, random, nameEscapes[index]), values[index], field));
            }
        }

        for (var index = 0; index < unknownNames.Length; index++)
        {
            var name = unknownNames[index];
            members.Add(new BodyMember(name, RawJson.Quote(name, random, 0.1), unknownValues[index], null));
        }

        if (duplicate >= 0 && members.Count > 0)
        {
            var original = members[duplicate % members.Count];
            members.Add(original with { NameJson = RawJson.Quote(original.Name, random, 1.0) });
        }

        Shuffle(members, random);
        return Assemble(members, schema, isPatch, baseline, random, padding);
    }

    private static BodyCase Assemble(
        List<BodyMember> members,
        FieldSpec[] schema,
        bool isPatch,
        IReadOnlyDictionary<string, string>? baseline,
        Random random,
        int padding)
    {
        var errors = new List<ErrorKey>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var member in members)
        {
            if (!seen.Add(member.Name))
            {
                errors.Add(ErrorKey.Within(member.Name));
                errors.Add(ErrorKey.Exact("$"));
            }

            if (member.Field is null)
            {
                unknown++;
                errors.Add(HostileText.HasUnpairedSurrogate(member.Name) ? ErrorKey.Exact("$") : ErrorKey.Within(member.Name));
            }

            errors.AddRange(member.Value.Errors.Select(error => error.Under(member.Name)));
        }

        if (unknown > 20)
        {
            errors.Add(ErrorKey.Exact("$"));
        }

        foreach (var field in schema.Where(field => field.Required && !seen.Contains(field.Name)))
        {
            errors.Add(ErrorKey.Exact(field.Name));
        }

        var json = RawJson.WriteObject(members.Select(member => (member.NameJson, member.Value.Json)), random);
        if (padding != 0)
        {
            // White space after the object keeps the JSON valid and moves the body across the 1 MiB limit.
            var target = BodyCase.MaxBytes + padding;
            json += new string(' ', Math.Max(0, target - Encoding.UTF8.GetByteCount(json)));
        }

        if (errors.Count > 0)
        {
            return new BodyCase(json, [.. errors], null);
        }

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in FieldSpec.CreateFields)
        {
            var member = members.FirstOrDefault(candidate => candidate.Field == field);
            expected[field.Name] = member is not null
                ? member.Value.Stored!
                : isPatch ? baseline![field.Name] : field.Default ?? "null";
        }

        return new BodyCase(json, [], expected);
    }

    private static void Shuffle(List<BodyMember> members, Random random)
    {
        for (var index = members.Count - 1; index > 0; index--)
        {
            var other = random.Next(index + 1);
            (members[index], members[other]) = (members[other], members[index]);
        }
    }

    /// <summary>Runs each generator in turn and collects the values.</summary>
    private static Gen<T[]> Sequence<T>(Gen<T>[] generators) =>
        generators
            .Aggregate(
                Gen.Const(ImmutableList<T>.Empty),
                (list, generator) => from values in list from value in generator select values.Add(value))
            .Select(values => values.ToArray());
}
