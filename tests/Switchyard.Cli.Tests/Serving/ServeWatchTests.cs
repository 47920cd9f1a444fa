using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Serving;

namespace Switchyard.Cli.Tests.Serving;

public sealed class ServeWatchTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-serve-");
    private readonly StringWriter _console = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private RunningServer? _running;

    private string ManifestPath => Path.Combine(_dir.FullName, "services.yaml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ManifestPath, Service("web", 80));
        _running = await RunningServer.StartAsync(new SwitchyardServer(
            new ServeOptions { Files = [_dir.FullName], Admin = new IPEndPoint(IPAddress.Loopback, 0), Debounce = TimeSpan.FromMilliseconds(50) },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            _console));
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_AdminEndpoints_AnswerAfterInitialLoad()
    {
        var admin = AdminUrl();
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(admin + "/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(admin + "/readyz")).StatusCode);
        var config = JsonNode.Parse(await _http.GetStringAsync(admin + "/config"))!;
        Assert.Equal(1, config["generation"]!.GetValue<long>());
        Assert.Equal(80, await ServicePortAsync("web"));
    }

    [Fact]
    public async Task Serve_ValidEdit_AppliedThenInvalidEditKeepsLastGood()
    {
        await File.WriteAllTextAsync(ManifestPath, Service("web", 8080));
        await Eventually(async () => await ServicePortAsync("web") == 8080);

        // An invalid edit (a port that is not a number) is refused; the last good version stays in service.
        await File.WriteAllTextAsync(ManifestPath, Service("web", "eighty"));
        await Eventually(() => Task.FromResult(_console.ToString().Contains("1 kept at last good version; 1 refused", StringComparison.Ordinal)));
        Assert.Equal(8080, await ServicePortAsync("web"));
        Assert.Contains(_running!.Server.Pipeline.LastLoad.Errors, e => e.ToString().Contains("spec.ports[0].port", StringComparison.Ordinal));

        // Removing the object from the file deletes it.
        await File.WriteAllTextAsync(ManifestPath, Service("other", 81));
        await Eventually(async () => await ServicePortAsync("web") is null && await ServicePortAsync("other") == 81);
    }

    private static string Service(string name, object port) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          ports:
          - port: {port}
        """;

    private string AdminUrl() => "http://" + _running!.Server.AdminEndpoint;

    private async Task<int?> ServicePortAsync(string name)
    {
        var status = JsonNode.Parse(await _http.GetStringAsync(AdminUrl() + "/status"))!;
        foreach (var item in status["items"]!.AsArray())
        {
            if (item!["kind"]!.GetValue<string>() == "Service" && item["metadata"]!["name"]!.GetValue<string>() == name)
            {
                return item["spec"]!["ports"]![0]!["port"]!.GetValue<int>();
            }
        }

        return null;
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.True(await condition(), "condition not met within 10 s");
    }
}
