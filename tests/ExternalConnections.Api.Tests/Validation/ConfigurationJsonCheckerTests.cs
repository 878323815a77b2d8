using System.Text.Json;
using ExternalConnections.Api.Connections.Validation;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Tests.Validation;

public sealed class ConfigurationJsonCheckerTests
{
    private const string Root = "configurationJson";

    private const int MaxBytes = 65_536;

    /// <summary>
    /// Number literals and the text PostgreSQL 15 jsonb stores for them. ConfigurationJsonTests
    /// checks these spellings against a real server over HTTP.
    /// </summary>
    public static TheoryData<string, string> NumberSpellings => new()
    {
        { "1e3", "1000" },
        { "1E+3", "1000" },
        { "1.5e1", "15" },
        { "1.50", "1.50" },
        { "-0", "0" },
        { "-0.0", "0.0" },
        { "100e-1", "10.0" },
        { "0.001e2", "0.1" },
        { "12e-5", "0.00012" },
        { "-1.5e-10", "-0.00000000015" },
        { "0e5", "0" },
        { "0e-3", "0.000" },
        { "-12.340e1", "-123.40" },
        { "5e-0", "5" },
        { "1.0e0", "1.0" },
        { "123456789012345678901234567890", "123456789012345678901234567890" },
        { "1e-16383", "0." + new string('0', 16382) + "1" },
    };

    [Fact]
    public void Check_WithEmptyObject_ReturnsNoErrors()
    {
        Assert.Empty(Check("{}"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"{}\"")]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("null")]
    public void Check_WithNonObject_ReturnsObjectExpected(string json)
    {
        var errors = Check(json);

        Assert.Equal([(Root, "Expected a JSON object or null.")], errors);
    }

    [Fact]
    public void Check_WithOtherBasePath_UsesIt()
    {
        var errors = ConfigurationJsonChecker.Check(JsonElement.Parse("{\"a\":\"\\u0000\"}"), "settings");

        Assert.Equal([("settings.a", JsonMessages.NulCharacter)], errors);
    }

    [Fact]
    public void Check_WithExactly65536Bytes_ReturnsNoErrors()
    {
        Assert.Empty(Check(Padded(MaxBytes)));
    }

    [Fact]
    public void Check_With65537Bytes_ReportsSize()
    {
        var errors = Check(Padded(MaxBytes + 1));

        Assert.Equal([(Root, "Too large: 65,537 bytes as compact UTF-8 JSON; the maximum is 65,536.")], errors);
    }

    [Theory]
    [InlineData("é", 2)]
    [InlineData("€", 3)]
    [InlineData("\U0001F600", 4)]
    [InlineData("\"", 2)]
    [InlineData("\\", 2)]
    [InlineData("\b", 2)]
    [InlineData("\t", 2)]
    [InlineData("\u0001", 6)]
    [InlineData("\u001f", 6)]
    [InlineData("\u007f", 1)]
    [InlineData("/", 1)]
    [InlineData("<", 1)]
    public void Check_MeasuresEachCharacterAsCompactJson(string character, int bytes)
    {
        // {"k":"…"} is 8 bytes around the string, then one character and padding to exactly the limit.
        var room = MaxBytes - 8 - bytes;
        var atLimit = JsonSerializer.Serialize(new Dictionary<string, string> { ["k"] = character + new string('a', room) });
        var overLimit = JsonSerializer.Serialize(new Dictionary<string, string> { ["k"] = character + new string('a', room + 1) });

        Assert.Empty(Check(atLimit));
        Assert.Single(Check(overLimit));
    }

    [Fact]
    public void Check_MeasuresKeysAndStructure()
    {
        // {"":[1,2],"key2":{"n":null,"t":true}} is 37 bytes, so a first key of 65,499 letters fills the limit.
        var json = $"{{\"{new string('k', MaxBytes - 37)}\":[1,2],\"key2\":{{\"n\":null,\"t\":true}}}}";

        Assert.Empty(Check(json));
        Assert.Single(Check(json.Replace("\"t\":true", "\"t\":false", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(NumberSpellings))]
    public void Check_MeasuresNumbersAsPostgresStoresThem(string literal, string stored)
    {
        // {"k":"…","n":…} is 13 bytes besides the padding and the number. The larger of the sent and
        // stored forms must fit, so the padding leaves exactly room for that one.
        var padding = MaxBytes - 13 - Math.Max(literal.Length, stored.Length);
        var atLimit = $"{{\"k\":\"{new string('x', padding)}\",\"n\":{literal}}}";
        var overLimit = $"{{\"k\":\"{new string('x', padding + 1)}\",\"n\":{literal}}}";

        Assert.Empty(Check(atLimit));
        var error = Assert.Single(Check(overLimit));
        Assert.StartsWith("Too large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithNumberLargerAsStored_ReportsStoredSize()
    {
        var json = $"{{\"k\":\"{new string('x', MaxBytes - 13 - 6)}\",\"n\":1e6}}";

        var error = Assert.Single(Check(json));

        Assert.Equal(Root, error.Path);
        Assert.StartsWith("Too large as stored: 65,537 bytes with numbers written out in full", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e-16384")]
    [InlineData("1.5e-16383")]
    [InlineData("0e-16384")]
    [InlineData("-1e-20000")]
    [InlineData("1e-1073741823")]
    [InlineData("1e1073741823")]
    [InlineData("1e-9223372036854775808")]
    [InlineData("1e99999999999999999999999")]
    [InlineData("1e-99999999999999999999999")]
    public void Check_WithNumberOutOfNumericRange_ReportsItsPath(string literal)
    {
        var errors = Check($"{{\"a\":[0,{{\"b\":{literal}}}]}}");

        var error = Assert.Single(errors);
        Assert.Equal($"{Root}.a[1].b", error.Path);
        Assert.StartsWith("Number out of range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e1073741822")]
    [InlineData("1e70000")]
    public void Check_WithHugePositiveExponent_ReportsStoredSize(string literal)
    {
        var error = Assert.Single(Check($"{{\"n\":{literal}}}"));

        Assert.StartsWith("Too large as stored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithObjectsNested32Deep_ReturnsNoErrors()
    {
        var json = Nested(32, "{\"leaf\":1,\"text\":\"x\",\"none\":null}");

        Assert.Empty(Check(json));
    }

    [Fact]
    public void Check_WithArraysNested32Deep_ReturnsNoErrors()
    {
        var json = "{\"l\":" + new string('[', 31) + "1,\"x\",null" + new string(']', 31) + "}";

        Assert.Empty(Check(json));
    }

    [Fact]
    public void Check_WithObjectsNested33Deep_ReportsDeepestPath()
    {
        var errors = Check(Nested(33, "{}"));

        var error = Assert.Single(errors);
        Assert.Equal(Root + string.Concat(Enumerable.Repeat(".a", 32)), error.Path);
        Assert.StartsWith("Nested too deeply: at most 32 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithArraysNested33Deep_ReportsDeepestPath()
    {
        var json = "{\"l\":" + new string('[', 32) + new string(']', 32) + "}";

        var error = Assert.Single(Check(json));

        Assert.Equal(Root + ".l" + string.Concat(Enumerable.Repeat("[0]", 31)), error.Path);
    }

    [Fact]
    public void Check_WithSeveralTooDeepBranches_ReportsDepthOnce()
    {
        var deep = Nested(33, "{}");
        var json = $"{{\"x\":{deep},\"y\":{deep}}}";

        var errors = Check(json);

        Assert.Single(errors, error => error.Message.StartsWith("Nested too deeply", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", Root + ".a")]
    [InlineData("{\"x\":{\"a\":1,\"b\":2,\"a\":3}}", Root + ".x.a")]
    [InlineData("{\"l\":[{},{\"a\":1,\"a\":1}]}", Root + ".l[1].a")]
    [InlineData("{\"a\":1,\"\\u0061\":2}", Root + ".a")]
    [InlineData("{\"a b\":1,\"a b\":2}", Root + "['a b']")]
    public void Check_WithDuplicateKey_ReportsItsPath(string json, string path)
    {
        var errors = Check(json);

        Assert.Equal([(path, JsonMessages.DuplicateProperty)], errors);
    }

    [Fact]
    public void Check_WithKeyRepeatedThreeTimes_ReportsEachRepeat()
    {
        var errors = Check("{\"a\":1,\"a\":2,\"a\":3}");

        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.Equal((Root + ".a", JsonMessages.DuplicateProperty), error));
    }

    [Fact]
    public void Check_WithSameKeyInDifferentObjects_ReturnsNoErrors()
    {
        Assert.Empty(Check("{\"a\":{\"a\":1},\"b\":{\"a\":2},\"l\":[{\"a\":1},{\"a\":2}]}"));
    }

    [Theory]
    [InlineData("{\"a\":\"\\u0000\"}", Root + ".a")]
    [InlineData("{\"a\":[\"x\",\"y\\u0000\"]}", Root + ".a[1]")]
    [InlineData("{\"k\\u0000\":1}", Root + "['k\0']")]
    public void Check_WithNulCharacter_ReportsItsPath(string json, string path)
    {
        Assert.Equal([(path, JsonMessages.NulCharacter)], Check(json));
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}", Root + ".a")]
    [InlineData("{\"a\":[\"\\udc00x\"]}", Root + ".a[0]")]
    public void Check_WithUnpairedSurrogate_ReportsItsPath(string json, string path)
    {
        Assert.Equal([(path, JsonMessages.UnpairedSurrogate)], Check(json));
    }

    [Fact]
    public void Check_WithUnpairedSurrogateInKey_ReportsParentPath()
    {
        var error = Assert.Single(Check("{\"a\":{\"\\ud800\":1}}"));

        Assert.Equal(Root + ".a", error.Path);
        Assert.Equal($"A property name is invalid: {JsonMessages.UnpairedSurrogate}", error.Message);
    }

    [Fact]
    public void Check_WithSurrogatePair_ReturnsNoErrors()
    {
        Assert.Empty(Check("{\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}"));
    }

    [Theory]
    [InlineData("a", "configurationJson.a")]
    [InlineData("_a1", "configurationJson._a1")]
    [InlineData("A_b", "configurationJson.A_b")]
    [InlineData("1a", "configurationJson['1a']")]
    [InlineData("a b", "configurationJson['a b']")]
    [InlineData("a.b", "configurationJson['a.b']")]
    [InlineData("", "configurationJson['']")]
    [InlineData("it's", "configurationJson['it\\'s']")]
    [InlineData("back\\slash", "configurationJson['back\\\\slash']")]
    [InlineData("ключ", "configurationJson['ключ']")]
    [InlineData("a\n", "configurationJson['a\n']")]
    public void JsonPathProperty_QuotesNamesThatAreNotIdentifiers(string name, string expected)
    {
        Assert.Equal(expected, JsonPath.Property(Root, name));
    }

    [Fact]
    public void JsonPathIndex_AppendsIndexInBrackets()
    {
        Assert.Equal("configurationJson.list[3]", JsonPath.Index("configurationJson.list", 3));
    }

    private static IReadOnlyList<(string Path, string Message)> Check(string json) =>
        ConfigurationJsonChecker.Check(JsonElement.Parse(json), Root);

    /// <summary>Returns <c>{"k":"xxx…"}</c> of exactly <paramref name="bytes"/> bytes as compact UTF-8 JSON.</summary>
    private static string Padded(int bytes) => $"{{\"k\":\"{new string('x', bytes - 8)}\"}}";

    /// <summary>Returns <paramref name="depth"/> objects nested as <c>{"a":{"a":…}}</c>, the innermost being <paramref name="innermost"/>.</summary>
    private static string Nested(int depth, string innermost) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + innermost + new string('}', depth - 1);
}
