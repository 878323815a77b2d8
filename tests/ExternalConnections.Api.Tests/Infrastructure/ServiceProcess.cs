using System.Collections.Concurrent;
using System.Diagnostics;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// The built service running as its own process, as an operator starts it, for tests of
/// start-up, signals and several instances at once.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ServiceProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>A client of this process that sends an administrator's token.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Admin());
        return client;
    }

    /// <summary>Everything the process printed so far.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts the service with the given settings as environment variables, on
    /// <paramref name="port"/> of loopback or else on a free one.
    /// </summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        port ??= FreePort.Find();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ExternalConnections.Api.dll"), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["RateLimiting__Enabled"] = "false" },
        };
        foreach (var (key, value) in TestTokens.Settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in settings)
        {
            startInfo.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(startInfo)!, port.Value);
    }

    /// <summary>Waits until /health/ready answers 200; fails with the process output if it does not in time.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the request timeout.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The service was not ready within {timeout}. Output:{Environment.NewLine}{Output}");
    }

    /// <summary>Sends SIGTERM, as Docker and systemd do to stop a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The service did not exit within {timeout}. Output:{Environment.NewLine}{Output}");
        }

        // WaitForExitAsync returns before the redirected output is fully read.
        process.WaitForExit();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
