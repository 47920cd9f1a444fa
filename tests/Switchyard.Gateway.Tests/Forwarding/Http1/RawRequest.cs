namespace Switchyard.Gateway.Tests.Forwarding.Http1;

/// <summary>A request as the raw upstream read it off the wire: header names with their casing, body decoded.</summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body, bool Chunked)
{
    /// <summary>Values of every line with this name (case-insensitive), in order.</summary>
    public IReadOnlyList<string> Values(string name) => [.. Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    public string? Value(string name) => Values(name) is [var first, ..] ? first : null;
}
