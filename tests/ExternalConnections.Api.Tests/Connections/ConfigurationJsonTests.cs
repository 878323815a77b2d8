using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>
/// The rules for <c>configurationJson</c> over HTTP: a JSON object or null, at most 65,536 bytes
/// as compact UTF-8 JSON both as sent and with numbers written out as PostgreSQL stores them,
/// at most 32 levels deep, no duplicate keys, and only what PostgreSQL jsonb can store.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConfigurationJsonTests(ApiFixture fixture)
{
    private const int MaxBytes = 65_536;

    private const int MaxDepth = 32;

    /// <summary>Bytes of <c>{"k":""}</c>, the frame that <see cref="PaddedConfiguration"/> fills.</summary>
    private const int PaddingFrameBytes = 8;

    private readonly HttpClient client = fixture.Client;

    /// <summary>
    /// Number literals with the text PostgreSQL 15 jsonb returns for them: numeric keeps the digits
    /// after the decimal point that were sent, shifted by the exponent, and writes no exponent.
    /// </summary>
    public static TheoryData<string, string> NumberSpellings => new()
    {
        { "1e3", "1000" },
        { "1E+3", "1000" },
        { "10e+2", "1000" },
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
        { "1e-3", "0.001" },
        { "123456789012345678901234567890", "123456789012345678901234567890" },
        { "-98765432109876543210.000000000000000000001", "-98765432109876543210.000000000000000000001" },
        { "0.1000000000000000055511151231257827021181583404541015625", "0.1000000000000000055511151231257827021181583404541015625" },
        { "1.7976931348623157e308", "17976931348623157" + new string('0', 292) },
    };

    /// <summary>Configurations with an invalid part and the path of that part.</summary>
    public static TheoryData<string, string> NulCharacterCases => new()
    {
        { """{"a":"\u0000"}""", "configurationJson.a" },
        { """{"a":{"b":"x\u0000y"}}""", "configurationJson.a.b" },
        { """{"list":[0,1,2,"\u0000"]}""", "configurationJson.list[3]" },
        { """{"k\u0000":1}""", "configurationJson['k\0']" },
        { """{"a":{"k\u0000":{"b":1}}}""", "configurationJson.a['k\0']" },
        { """{"a b":{"c":"\u0000"}}""", "configurationJson['a b'].c" },
        { """{"it's":"\u0000"}""", "configurationJson['it\\'s']" },
        { """{"back\\slash":"\u0000"}""", "configurationJson['back\\\\slash']" },
        { """{"1a":"\u0000"}""", "configurationJson['1a']" },
        { """{"_a1":[["\u0000"]]}""", "configurationJson._a1[0][0]" },
        { """{"ключ":"\u0000"}""", "configurationJson['ключ']" },
    };

    public static TheoryData<string, string> UnpairedSurrogateCases => new()
    {
        { """{"a":"\ud800"}""", "configurationJson.a" },
        { """{"a":"\udc00"}""", "configurationJson.a" },
        { """{"a":{"b":"x\ud800y"}}""", "configurationJson.a.b" },
        { """{"list":[0,1,2,"\ude00\ud83d"]}""", "configurationJson.list[3]" },
    };

    /// <summary>Configurations with a repeated key and the path of the repeated property.</summary>
    public static TheoryData<string, string> DuplicateKeyCases => new()
    {
        { """{"a":1,"a":2}""", "configurationJson.a" },
        { """{"a":1,"a":1}""", "configurationJson.a" },
        { """{"x":{"a":1,"a":2}}""", "configurationJson.x.a" },
        { """{"list":[1,{"a":1,"a":2}]}""", "configurationJson.list[1].a" },
        { """{"a":1,"b":{"c":[{"d":{"e":null,"e":null}}]}}""", "configurationJson.b.c[0].d.e" },
        { """{"a":1,"\u0061":2}""", "configurationJson.a" },
    };

    /// <summary>
    /// Numbers PostgreSQL numeric cannot hold: more than 16,383 digits after the decimal point, or
    /// an exponent at or beyond 1,073,741,823 in magnitude, which PostgreSQL rejects as input.
    /// </summary>
    public static TheoryData<string> NumbersBeyondNumericRange => new()
    {
        "1e-20000",
        "-1e-20000",
        "1e-16384",
        "1.5e-16383",
        "0e-20000",
        "0." + new string('0', 16383) + "1",
        "1e-1073741823",
        "1e1073741823",
        "1e-99999999999999999999",
        "1e99999999999999999999",
    };

    [Fact]
    public async Task Create_WithNestedConfiguration_ReturnsEqualJson()
    {
        var configuration = """
            {
              "z": 1,
              "a": {"deep": {"deeper": [1, 2.5, -3, true, false, null, "x", [], {}]}},
              "unicode": "ключ ✓ \ud83d\ude00 日本語",
              "ключ": {"": "empty key"},
              "escapes": "quote \" backslash \\ slash \/ controls \b\f\n\r\t \u0001 \u001f del \u007f",
              "empty": {},
              "list": [{"x": 1}, {"x": 2}, [[["nested"]]]],
              "big": 123456789012345678901234567890123456789,
              "precise": 3.141592653589793238462643383279502884197,
              "tiny": 1e-300
            }
            """;
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.True(
            JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")),
            $"Stored configuration differs: {stored.GetProperty("configurationJson")}");
    }

    [Theory]
    [MemberData(nameof(NumberSpellings))]
    public async Task Create_WithNumber_ReturnsPostgresSpelling(string literal, string postgresText)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", $"{{\"n\":{literal}}}");

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(postgresText, stored.GetProperty("configurationJson").GetProperty("n").GetRawText());
    }

    [Fact]
    public async Task Create_WithEmptyObject_StoresEmptyObject()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", "{}");

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(JsonValueKind.Object, stored.GetProperty("configurationJson").ValueKind);
        Assert.Empty(stored.GetProperty("configurationJson").EnumerateObject());
    }

    [Fact]
    public async Task Create_WithNullConfiguration_StoresNull()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", "null");

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("configurationJson").ValueKind);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"a\":1}]")]
    [InlineData("\"{}\"")]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Create_WithNonObjectConfiguration_Returns400(string rawValue)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", rawValue);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Expected a JSON object or null");
    }

    [Fact]
    public async Task Create_WithConfigurationOf65536Bytes_StoresIt()
    {
        var configuration = PaddedConfiguration(MaxBytes);
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    [Fact]
    public async Task Create_WithConfigurationOf65537Bytes_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", PaddedConfiguration(MaxBytes + 1));

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large: 65,537 bytes");
    }

    [Fact]
    public async Task Create_WithTwoByteCharactersAtLimit_StoresIt()
    {
        // Each é is two bytes in UTF-8, so 32,764 of them fill the 65,528 bytes inside the frame.
        var configuration = $"{{\"k\":\"{new string('é', (MaxBytes - PaddingFrameBytes) / 2)}\"}}";
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    [Fact]
    public async Task Create_WithTwoByteCharactersOverLimit_Returns400()
    {
        var configuration = $"{{\"k\":\"{new string('é', (MaxBytes - PaddingFrameBytes) / 2)}a\"}}";
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large: 65,537 bytes");
    }

    /// <summary>
    /// Characters that compact JSON escapes count as their escape: two bytes for a quote, backslash
    /// or newline and six for another control character, however the client escaped them.
    /// </summary>
    [Theory]
    [InlineData('"', 2)]
    [InlineData('\\', 2)]
    [InlineData('\n', 2)]
    [InlineData('\u0001', 6)]
    [InlineData('<', 1)]
    public async Task Create_WithEscapedCharactersAtLimit_StoresIt(char character, int compactBytes)
    {
        var configuration = EscapeFilledConfiguration(character, compactBytes, extraBytes: 0);
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration.ToJsonString());

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(configuration["k"]!.GetValue<string>(), stored.GetProperty("configurationJson").GetProperty("k").GetString());
    }

    [Theory]
    [InlineData('"', 2)]
    [InlineData('\\', 2)]
    [InlineData('\n', 2)]
    [InlineData('\u0001', 6)]
    [InlineData('<', 1)]
    public async Task Create_WithEscapedCharactersOverLimit_Returns400(char character, int compactBytes)
    {
        var configuration = EscapeFilledConfiguration(character, compactBytes, extraBytes: 1);
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration.ToJsonString());

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large: 65,537 bytes");
    }

    [Fact]
    public async Task Create_WithWhitespaceAroundTokens_CountsCompactSize()
    {
        // 10,000 spaces that compact JSON drops, around a value that is exactly at the limit.
        var spaces = new string(' ', 10_000);
        var configuration = $"{{{spaces}\"k\"{spaces}:{spaces}\"{new string('x', MaxBytes - PaddingFrameBytes)}\"{spaces}}}";
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(MaxBytes - PaddingFrameBytes, stored.GetProperty("configurationJson").GetProperty("k").GetString()!.Length);
    }

    [Fact]
    public async Task Create_WithStoredNumbersAtLimit_StoresThem()
    {
        // 1e5 is 3 bytes as sent and 6 bytes (100000) as stored, and the stored form is exactly 65,536 bytes.
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", NumberPaddedConfiguration("1e5", "100000", MaxBytes));

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal("100000", stored.GetProperty("configurationJson").GetProperty("n").GetRawText());
    }

    [Fact]
    public async Task Create_WithStoredNumbersOverLimit_Returns400()
    {
        // As sent this is 65,534 bytes, under the limit, but as stored it is 65,537.
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", NumberPaddedConfiguration("1e5", "100000", MaxBytes + 1));

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large as stored: 65,537 bytes");
    }

    [Fact]
    public async Task Create_WithSentNumbersOverLimit_Returns400()
    {
        // 1.0e0 is 5 bytes as sent and 3 bytes (1.0) as stored, so this fits as stored but not as sent.
        var configuration = NumberPaddedConfiguration("1.0e0", "1.0", MaxBytes - 1);

        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);
        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large: 65,537 bytes");
    }

    [Fact]
    public async Task Create_WithHugeExponent_Returns400()
    {
        // 1e70000 is 7 bytes as sent but 70,001 digits as PostgreSQL stores it.
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", """{"n":1e70000}""");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large as stored");
    }

    [Fact]
    public async Task Create_WithObjectsNested32Deep_StoresThem()
    {
        var configuration = NestedObjects(MaxDepth, """{"leaf":1,"text":"x"}""");
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    [Fact]
    public async Task Create_WithEmptyObjectsNested32Deep_StoresThem()
    {
        var configuration = NestedObjects(MaxDepth, "{}");
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    [Fact]
    public async Task Create_WithObjectsNested33Deep_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", NestedObjects(MaxDepth + 1, "{}"));

        using var response = await client.PostConnectionAsync(json);

        var deepestPath = "configurationJson" + RawJson.Repeat(".a", MaxDepth);
        await ProblemAssert.IsValidationErrorAsync(response, deepestPath, "Nested too deeply");
    }

    [Fact]
    public async Task Create_WithArraysNested32Deep_StoresThem()
    {
        // The object is level 1 and each of the 31 arrays adds one, so the innermost array is level 32.
        var configuration = NestedArrays(MaxDepth, "1,\"x\"");
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        var stored = await client.CreateAndGetAsync(json);

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    [Fact]
    public async Task Create_WithArraysNested33Deep_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", NestedArrays(MaxDepth + 1, string.Empty));

        using var response = await client.PostConnectionAsync(json);

        var deepestPath = "configurationJson.list" + RawJson.Repeat("[0]", MaxDepth - 1);
        await ProblemAssert.IsValidationErrorAsync(response, deepestPath, "Nested too deeply");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task Create_WithNestingBeyondReaderDepth_Returns400(int depth)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", NestedObjects(depth, "{}"));

        using var response = await client.PostConnectionAsync(json);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var keys = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToArray();
        Assert.All(keys, key => Assert.StartsWith("configurationJson", key, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DuplicateKeyCases))]
    public async Task Create_WithDuplicateKey_Returns400(string configuration, string path)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, path, "Duplicate property");
    }

    [Fact]
    public async Task Create_WithKeysDifferingInCase_StoresBoth()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", """{"a":1,"A":2}""");

        var stored = await client.CreateAndGetAsync(json);

        var configuration = stored.GetProperty("configurationJson");
        Assert.Equal(1, configuration.GetProperty("a").GetInt32());
        Assert.Equal(2, configuration.GetProperty("A").GetInt32());
    }

    [Fact]
    public async Task Create_WithNumberAtFractionLimit_StoresIt()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", """{"n":1e-16383}""");

        var stored = await client.CreateAndGetAsync(json);

        var expected = "0." + new string('0', 16382) + "1";
        Assert.Equal(expected, stored.GetProperty("configurationJson").GetProperty("n").GetRawText());
    }

    [Theory]
    [MemberData(nameof(NumbersBeyondNumericRange))]
    public async Task Create_WithOutOfRangeNumber_Returns400(string literal)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", $"{{\"a\":{{\"b\":{literal}}}}}");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson.a.b", "Number out of range");
    }

    [Fact]
    public async Task Create_WithOutOfRangeNumberInArray_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", """{"list":[1,2,3,1e-20000]}""");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson.list[3]", "Number out of range");
    }

    [Theory]
    [MemberData(nameof(NulCharacterCases))]
    public async Task Create_WithNulCharacter_Returns400(string configuration, string path)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, path, "NUL character");
    }

    [Theory]
    [MemberData(nameof(UnpairedSurrogateCases))]
    public async Task Create_WithUnpairedSurrogate_Returns400(string configuration, string path)
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", configuration);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, path, "unpaired UTF-16 surrogate");
    }

    [Fact]
    public async Task Create_WithUnpairedSurrogateInKey_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("configurationJson", """{"a":{"\ud800":1}}""");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson.a", "property name is invalid");
    }

    [Fact]
    public async Task Create_WithSeveralInvalidParts_ReportsEachPath()
    {
        var json = ConnectionsApi.NewBody().WithMember(
            "configurationJson",
            """{"a":"\u0000","b":{"c":1e-20000},"d":["\ud800"]}""");

        using var response = await client.PostConnectionAsync(json);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "configurationJson.a", "NUL character");
        Assert.NotEmpty(problem.ErrorsAt("configurationJson.b.c"));
        Assert.NotEmpty(problem.ErrorsAt("configurationJson.d[0]"));
    }

    [Fact]
    public async Task Patch_WithConfiguration_ReturnsPostgresSpelling()
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), """{"configurationJson":{"n":1e3,"m":1.50,"s":"ü"}}""");

        var configuration = stored.GetProperty("configurationJson");
        Assert.Equal("1000", configuration.GetProperty("n").GetRawText());
        Assert.Equal("1.50", configuration.GetProperty("m").GetRawText());
        Assert.Equal("ü", configuration.GetProperty("s").GetString());
    }

    [Fact]
    public async Task Patch_WithNullConfiguration_ClearsIt()
    {
        var body = ConnectionsApi.NewBody();
        body["configurationJson"] = new JsonObject { ["a"] = 1 };
        var (created, _) = await client.CreateConnectionAsync(body);

        var stored = await client.PatchAndGetAsync(created.Id(), """{"configurationJson":null}""");

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("configurationJson").ValueKind);
    }

    [Fact]
    public async Task Patch_WithConfigurationOf65536Bytes_StoresIt()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var configuration = PaddedConfiguration(MaxBytes);

        var stored = await client.PatchAndGetAsync(created.Id(), $"{{\"configurationJson\":{configuration}}}");

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    [Theory]
    [InlineData("[]", "configurationJson", "Expected a JSON object or null")]
    [InlineData("\"text\"", "configurationJson", "Expected a JSON object or null")]
    [InlineData("""{"a":{"b":"\u0000"}}""", "configurationJson.a.b", "NUL character")]
    [InlineData("""{"list":[0,1,2,"\ud800"]}""", "configurationJson.list[3]", "unpaired UTF-16 surrogate")]
    [InlineData("""{"x":{"a":1,"a":2}}""", "configurationJson.x.a", "Duplicate property")]
    [InlineData("""{"a":{"b":1e-20000}}""", "configurationJson.a.b", "Number out of range")]
    [InlineData("""{"n":1e70000}""", "configurationJson", "Too large as stored")]
    public async Task Patch_WithInvalidConfiguration_Returns400(string configuration, string path, string message)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $"{{\"configurationJson\":{configuration}}}");

        await ProblemAssert.IsValidationErrorAsync(response, path, message);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithConfigurationOf65537Bytes_Returns400()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $"{{\"configurationJson\":{PaddedConfiguration(MaxBytes + 1)}}}");

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson", "Too large: 65,537 bytes");
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithObjectsNested33Deep_Returns400()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $"{{\"configurationJson\":{NestedObjects(MaxDepth + 1, "{}")}}}");

        var deepestPath = "configurationJson" + RawJson.Repeat(".a", MaxDepth);
        await ProblemAssert.IsValidationErrorAsync(response, deepestPath, "Nested too deeply");
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithObjectsNested32Deep_StoresThem()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var configuration = NestedObjects(MaxDepth, """{"leaf":true}""");

        var stored = await client.PatchAndGetAsync(created.Id(), $"{{\"configurationJson\":{configuration}}}");

        Assert.True(JsonElement.DeepEquals(JsonElement.Parse(configuration), stored.GetProperty("configurationJson")));
    }

    /// <summary>Returns <c>{"k":"xxx…"}</c> padded to exactly <paramref name="bytes"/> bytes as compact UTF-8 JSON.</summary>
    private static string PaddedConfiguration(int bytes) =>
        $"{{\"k\":\"{new string('x', bytes - PaddingFrameBytes)}\"}}";

    /// <summary>
    /// Returns <c>{"k":"xxx…","n":literal}</c> padded so that, with the number written as
    /// <paramref name="storedNumber"/>, it is <paramref name="storedBytes"/> bytes as compact UTF-8 JSON.
    /// </summary>
    private static string NumberPaddedConfiguration(string literal, string storedNumber, int storedBytes)
    {
        // {"k":"…","n":…} has 13 bytes besides the padding and the number.
        var padding = storedBytes - 13 - storedNumber.Length;
        return $"{{\"k\":\"{new string('x', padding)}\",\"n\":{literal}}}";
    }

    /// <summary>
    /// Returns <c>{"k":"…"}</c> whose string repeats <paramref name="character"/>, filled with
    /// ASCII letters to 65,536 bytes as compact JSON plus <paramref name="extraBytes"/>.
    /// </summary>
    private static JsonObject EscapeFilledConfiguration(char character, int compactBytes, int extraBytes)
    {
        var room = MaxBytes - PaddingFrameBytes;
        var count = room / compactBytes;
        var value = new string(character, count) + new string('a', (room % compactBytes) + extraBytes);
        return new JsonObject { ["k"] = value };
    }

    /// <summary>Returns <paramref name="depth"/> objects nested as <c>{"a":{"a":…}}</c>, the innermost being <paramref name="innermost"/>.</summary>
    private static string NestedObjects(int depth, string innermost) =>
        RawJson.Repeat("{\"a\":", depth - 1) + innermost + new string('}', depth - 1);

    /// <summary>Returns <c>{"list":[[…]]}</c> nested <paramref name="depth"/> levels deep, counting the object.</summary>
    private static string NestedArrays(int depth, string innermostItems) =>
        "{\"list\":" + new string('[', depth - 1) + innermostItems + new string(']', depth - 1) + "}";
}
