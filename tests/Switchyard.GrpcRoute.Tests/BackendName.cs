using System.Collections.Concurrent;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>The name a backend puts in its replies, and the calls its services decoded ("method message").</summary>
internal sealed class BackendName(string value)
{
    public string Value { get; } = value;

    public ConcurrentQueue<string> Served { get; } = new();
}
