using System.Net;
using System.Text.Json;

namespace Switchyard.Tests.Shared;

/// <summary>A parsed echo backend answer (<c>switchyard echo</c> JSON), shared by the data-plane suites.</summary>
internal sealed record EchoReply(HttpStatusCode Status, string Backend, string Method, string Path, string Host, string Protocol, Dictionary<string, string> Headers)
{
    public static async Task<EchoReply> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, "status " + (int)response.StatusCode + ": " + body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in root.GetProperty("headers").EnumerateObject())
        {
            headers[header.Name] = header.Value.GetString()!;
        }

        return new EchoReply(
            response.StatusCode,
            root.GetProperty("backend").GetString()!,
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            root.GetProperty("host").GetString()!,
            root.GetProperty("protocol").GetString()!,
            headers);
    }
}
