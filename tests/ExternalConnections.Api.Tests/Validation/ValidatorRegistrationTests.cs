using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Connections.Validation;
using ExternalConnections.Api.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace ExternalConnections.Api.Tests.Validation;

/// <summary>The validators as the running service resolves them from its container.</summary>
[Collection(ApiCollection.Name)]
public sealed class ValidatorRegistrationTests(ApiFixture fixture)
{
    private readonly IServiceProvider services = fixture.Factory.Services;

    [Fact]
    public void Resolve_CreateRequestValidator_ReturnsServiceValidator()
    {
        var validator = services.GetRequiredService<IValidator<CreateConnectionRequest>>();

        Assert.IsType<CreateConnectionRequestValidator>(validator);
    }

    [Fact]
    public void Resolve_UpdateRequestValidator_ReturnsServiceValidator()
    {
        var validator = services.GetRequiredService<IValidator<UpdateConnectionRequest>>();

        Assert.IsType<UpdateConnectionRequestValidator>(validator);
    }

    [Fact]
    public void Resolve_ListQueryValidator_ReturnsServiceValidator()
    {
        var validator = services.GetRequiredService<IValidator<ListConnectionsQuery>>();

        Assert.IsType<ListConnectionsQueryValidator>(validator);
    }

    [Fact]
    public void Resolve_FromTwoScopes_ReturnsOneSingleton()
    {
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        var fromFirst = first.ServiceProvider.GetRequiredService<IValidator<CreateConnectionRequest>>();
        var fromSecond = second.ServiceProvider.GetRequiredService<IValidator<CreateConnectionRequest>>();

        Assert.Same(fromFirst, fromSecond);
    }

    [Fact]
    public void ResolvedValidator_KeysErrorsByJsonPath()
    {
        var validator = services.GetRequiredService<IValidator<CreateConnectionRequest>>();
        var request = RequestJson.Create("\"label\":\"\",\"scopesJson\":[\"a\",null],\"configurationJson\":{\"a\":{\"b\":\"\\u0000\"}}");

        var result = validator.Validate(request);

        result.AssertErrorAt("label", "Must not be blank");
        result.AssertErrorAt("scopesJson[1]", "not null");
        result.AssertErrorAt("configurationJson.a.b", "NUL character");
    }
}
