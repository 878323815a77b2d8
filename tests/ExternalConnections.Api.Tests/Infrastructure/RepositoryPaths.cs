namespace ExternalConnections.Api.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder that holds ExternalConnections.sln, found above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ExternalConnections.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"No ExternalConnections.sln above {AppContext.BaseDirectory}.");
    }
}
