namespace ExternalConnections.Api.Infrastructure;

/// <summary>A reason the service cannot start, worded for the operator who reads the log.</summary>
public sealed class StartupException(string message) : Exception(message);
