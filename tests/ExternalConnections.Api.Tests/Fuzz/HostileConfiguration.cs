using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>A generated <c>configurationJson</c> value, kept as a tree so the expected errors can be worked out.</summary>
public abstract record ConfigNode;

public sealed record ConfigObject(ImmutableArray<ConfigMember> Members) : ConfigNode;

/// <summary>
/// A property of a configuration object. With <c>EscapeName</c> every character of the name is
/// sent as a \u escape, so a duplicate key can differ from the first in spelling.
/// </summary>
public sealed record ConfigMember(string Name, ConfigNode Value, bool EscapeName = false);

public sealed record ConfigArray(ImmutableArray<ConfigNode> Items) : ConfigNode;

public sealed record ConfigString(string Value) : ConfigNode;

public sealed record ConfigNumber(NumberCase Number) : ConfigNode;

/// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed record ConfigLiteral(string Text) : ConfigNode;

/// <summary>
/// Generators of <c>configurationJson</c> values, and the judge that decides which ones the service
/// must accept. The rules come from the README and docs/design.md: a JSON object of at most 64 KiB as
/// compact JSON both as sent and with numbers written out in full, at most 32 levels of objects
/// and arrays counting the value itself as level 1, no NUL, no unpaired surrogate escapes, no
/// duplicate keys, and numbers that PostgreSQL numeric can hold.
/// </summary>
public static partial class HostileConfiguration
{
    public const int MaxBytes = 65_536;

    public const int MaxDepth = 32;

    /// <summary>System.Text.Json's default maximum depth, which counts the request body as level 1.</summary>
    public const int ReaderMaxDepth = 64;

    private static readonly Gen<string> Key = Gen.Frequency(
        (10, Gen.OneOf("a", "b", "retry", "limit", "url", "channel_id", "_x", "A1")),
        (5, HostileText.ShortString(hostile: false)),
        (1, HostileText.ShortString(hostile: true)));

    private static readonly Gen<ConfigNode> Scalar = Gen.Frequency(
        (4, HostileText.ShortString(hostile: false).Select(value => (ConfigNode)new ConfigString(value))),
        (1, HostileText.ShortString(hostile: true).Select(value => (ConfigNode)new ConfigString(value))),
        (4, NumberCase.Any.Select(number => (ConfigNode)new ConfigNumber(number))),
        (2, Gen.OneOf("true", "false", "null").Select(text => (ConfigNode)new ConfigLiteral(text))));

    private static readonly Gen<ConfigNode>[] NodesByDepth = BuildNodes(4);

    /// <summary>Objects a few levels deep with hostile keys, strings and numbers.</summary>
    public static readonly Gen<ConfigNode> Tree =
        from count in Gen.Int[0, 5]
        from members in Member(NodesByDepth[3]).Array[count]
        select (ConfigNode)new ConfigObject([.. members]);

    /// <summary>A chain of nested objects and arrays around the depth limits, ending in a scalar or an empty container.</summary>
    public static readonly Gen<ConfigNode> Chain =
        from depth in Gen.Frequency((3, Gen.OneOf(31, 32, 33)), (2, Gen.OneOf(2, 16, 34, 40, 62, 63, 64, 65, 66, 100, 1_000)))
        from kinds in Gen.Bool.Array[depth - 1]
        from key in Key
        from innermost in Gen.Frequency(
            (2, Scalar),
            (1, Gen.OneOf<ConfigNode>(new ConfigObject([]), new ConfigArray([]))),
            (1, Gen.Const<ConfigNode>(new ConfigString("\0"))))
        select (ConfigNode)BuildChain(kinds, key, innermost);

    /// <summary>One long string or number that puts the value a few bytes either side of the size limit.</summary>
    public static readonly Gen<ConfigNode> NearSizeLimit = Gen.OneOf(
        from filler in Gen.OneOf("x", "é", "€", "😀", "\n", "\"")
        from delta in Gen.Int[-4, 4]
        select (ConfigNode)new ConfigObject([new ConfigMember("k", new ConfigString(Fill(filler, MaxBytes - 8 + delta)))]),
        from exponent in Gen.Int[MaxBytes - 10, MaxBytes - 4]
        select (ConfigNode)new ConfigObject([new ConfigMember("n", new ConfigNumber(NumberCase.Create(false, "1", string.Empty, "e" + exponent)))]));

    /// <summary>An object with one key twice, the second spelled with escapes.</summary>
    public static readonly Gen<ConfigNode> DuplicateKey =
        from tree in Tree
        from key in Key
        from first in Scalar
        from second in Scalar
        select (ConfigNode)new ConfigObject(
            [.. ((ConfigObject)tree).Members, new ConfigMember(key, first), new ConfigMember(key, second, EscapeName: true)]);

    /// <summary>Every kind of configuration value, most of them objects.</summary>
    public static readonly Gen<ConfigNode> Any = Gen.Frequency(
        (12, Tree),
        (4, Chain),
        (1, NearSizeLimit),
        (1, DuplicateKey));

    /// <summary>Renders a node as JSON text and judges it: errors are relative to the value.</summary>
    public static ValueCase Judge(ConfigNode root, Random random, double escapeRate)
    {
        var judge = new Judgement(random, escapeRate);
        var json = judge.Render(root, string.Empty, depth: 1);
        if (root is not ConfigObject)
        {
            judge.Errors.Add(ErrorKey.Exact(string.Empty));
        }

        if (judge.SentBytes > MaxBytes || judge.StoredBytes > MaxBytes)
        {
            judge.Errors.Add(ErrorKey.Exact(string.Empty));
        }

        if (judge.MaxContainerDepth + 1 >= ReaderMaxDepth - 1)
        {
            // The reader's own depth limit fails first, and it picks the path it reports.
            judge.Errors.Add(ErrorKey.Within(string.Empty));
        }

        return judge.Errors.Count == 0 ? ValueCase.Valid(json) : ValueCase.Invalid(json, [.. judge.Errors]);
    }

    /// <summary>
    /// The path of a property in the client's spelling, as docs/design.md gives it:
    /// <c>parent.name</c> for plain names, else <c>parent['name']</c> with \ and ' escaped.
    /// </summary>
    public static string PropertyPath(string parent, string name) =>
        PlainName().IsMatch(name)
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static Gen<ConfigMember> Member(Gen<ConfigNode> value) =>
        from key in Key
        from node in value
        select new ConfigMember(key, node);

    private static Gen<ConfigNode>[] BuildNodes(int maxDepth)
    {
        var nodes = new Gen<ConfigNode>[maxDepth + 1];
        nodes[0] = Scalar;
        for (var depth = 1; depth <= maxDepth; depth++)
        {
            var child = nodes[depth - 1];
            nodes[depth] = Gen.Frequency(
                (6, Scalar),
                (2, from count in Gen.Int[0, 4]
                    from members in Member(child).Array[count]
                    select (ConfigNode)new ConfigObject([.. members])),
                (2, from count in Gen.Int[0, 4]
                    from items in child.Array[count]
                    select (ConfigNode)new ConfigArray([.. items])));
        }

        return nodes;
    }

    private static ConfigObject BuildChain(bool[] kinds, string key, ConfigNode innermost)
    {
        var node = innermost;
        foreach (var isObject in kinds)
        {
            node = isObject ? new ConfigObject([new ConfigMember(key, node)]) : new ConfigArray([node]);
        }

        return new ConfigObject([new ConfigMember(key, node)]);
    }

    private static string Fill(string filler, int bytes)
    {
        // Bytes as compact JSON: a quote costs two, as \", a line feed two, as \n.
        var unit = filler is "\n" or "\"" ? 2 : Encoding.UTF8.GetByteCount(filler);
        var builder = new StringBuilder();
        for (var used = 0; used + unit <= bytes; used += unit)
        {
            builder.Append(filler);
        }

        return builder.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();

    /// <summary>One walk over a tree that writes its JSON and records sizes, depth and errors.</summary>
    private sealed class Judgement(Random random, double escapeRate)
    {
        public List<ErrorKey> Errors { get; } = [];

        public long SentBytes { get; private set; }

        public long StoredBytes { get; private set; }

        public int MaxContainerDepth { get; private set; }

        public string Render(ConfigNode node, string path, int depth)
        {
            switch (node)
            {
                case ConfigObject or ConfigArray:
                    MaxContainerDepth = Math.Max(MaxContainerDepth, depth);
                    if (depth == MaxDepth + 1)
                    {
                        // Only the outermost container past the limit is reported; its contents are not checked.
                        Errors.Add(ErrorKey.Exact(path));
                    }

                    return node is ConfigObject obj ? RenderObject(obj, path, depth) : RenderArray((ConfigArray)node, path, depth);
                case ConfigString text:
                    CheckString(text.Value, path, path);
                    AddBoth(CompactSize(text.Value));
                    return RawJson.Quote(text.Value, random, escapeRate);
                case ConfigNumber number:
                    SentBytes += number.Number.Literal.Length;
                    StoredBytes += number.Number.StoredLength;
                    if (!number.Number.Storable)
                    {
                        Errors.Add(ErrorKey.Exact(path));
                    }

                    return number.Number.Literal;
                case ConfigLiteral literal:
                    AddBoth(literal.Text.Length);
                    return literal.Text;
                default:
                    throw new ArgumentOutOfRangeException(nameof(node));
            }
        }

        private string RenderObject(ConfigObject node, string path, int depth)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var members = new List<(string, string)>();
            foreach (var member in node.Members)
            {
                if (!seen.Add(member.Name))
                {
                    Errors.Add(ErrorKey.Within(string.Empty));
                }

                var memberPath = PropertyPath(path, member.Name);
                var name = RawJson.Quote(member.Name, random, member.EscapeName ? 1.0 : escapeRate);
                CheckString(member.Name, path, memberPath);
                AddBoth(CompactSize(member.Name) + 1);
                members.Add((name, Render(member.Value, memberPath, depth + 1)));
            }

            AddBoth(2 + Math.Max(0, node.Members.Length - 1));
            return RawJson.WriteObject(members, random);
        }

        private string RenderArray(ConfigArray node, string path, int depth)
        {
            var items = node.Items.Select((item, index) => Render(item, $"{path}[{index}]", depth + 1)).ToList();
            AddBoth(2 + Math.Max(0, node.Items.Length - 1));
            return RawJson.WriteArray(items, random);
        }

        /// <summary>
        /// An unpaired surrogate in a value is reported at the value, and in a key at the object
        /// that holds the key, because the key cannot be spelled in a path.
        /// </summary>
        private void CheckString(string value, string surrogatePath, string nulPath)
        {
            if (HostileText.HasUnpairedSurrogate(value))
            {
                Errors.Add(ErrorKey.Exact(surrogatePath));
            }

            if (value.Contains('\0', StringComparison.Ordinal))
            {
                Errors.Add(ErrorKey.Exact(nulPath));
            }
        }

        private void AddBoth(long bytes)
        {
            SentBytes += bytes;
            StoredBytes += bytes;
        }

        /// <summary>Bytes of a string as compact JSON in PostgreSQL's spelling: UTF-8, with \", \\, \b, \f, \n, \r, \t and \u00XX escapes.</summary>
        private static long CompactSize(string value)
        {
            long size = 2 + Encoding.UTF8.GetByteCount(value);
            foreach (var character in value)
            {
                size += character switch
                {
                    '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' => 1,
                    < ' ' => 5,
                    _ => 0,
                };
            }

            return size;
        }
    }
}
