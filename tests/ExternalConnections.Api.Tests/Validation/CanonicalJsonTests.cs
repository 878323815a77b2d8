using System.Text;
using System.Text.Json;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Tests.Validation;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0e99", "0")]
    [InlineData("1", "1e0")]
    [InlineData("1.0", "1e0")]
    [InlineData("10e-1", "1e0")]
    [InlineData("100", "1e2")]
    [InlineData("1E+2", "1e2")]
    [InlineData("1.50", "15e-1")]
    [InlineData("-12.340e3", "-1234e1")]
    [InlineData("0.001", "1e-3")]
    [InlineData("1e60000", "1e60000")]
    public void Number_IsWrittenAsDigitsAndExponent(string json, string expected) =>
        Assert.Equal(expected, CanonicalJson.Number(json));

    [Fact]
    public void Object_MembersAreSortedAndSpacingDropped()
    {
        using var document = JsonDocument.Parse("""{ "b": [2.0, {"y": 1, "x": "\u0041"}], "a": null }""");

        var canonical = Encoding.UTF8.GetString(CanonicalJson.ToUtf8Bytes(document.RootElement));

        Assert.Equal("""{"a":null,"b":[2e0,{"x":"A","y":1e0}]}""", canonical);
    }
}
