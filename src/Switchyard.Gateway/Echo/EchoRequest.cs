using System.Collections.Immutable;

namespace Switchyard.Gateway.Echo;

/// <summary>One request an <see cref="EchoServer"/> received, as it reported it.</summary>
public sealed record EchoRequest
{
    public required string Method { get; init; }

    /// <summary>The request target as received: path and query.</summary>
    public required string Path { get; init; }

    public required string Host { get; init; }

    /// <summary>"HTTP/1.1", "HTTP/2".</summary>
    public required string Protocol { get; init; }

    /// <summary>Header values by name (case-insensitive); repeated headers joined with ", ".</summary>
    public required ImmutableSortedDictionary<string, string> Headers { get; init; }
}
