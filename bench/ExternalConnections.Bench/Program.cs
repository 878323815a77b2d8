using ExternalConnections.Bench;

return await SeedCommand.RunAsync(args);
