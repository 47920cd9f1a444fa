using System.Net;
using Switchyard.Translation;

namespace Switchyard.Cli.Serving;

/// <summary>Settings of <c>switchyard serve</c>.</summary>
internal sealed record ServeOptions
{
    public required IReadOnlyList<string> Files { get; init; }

    public bool Watch { get; init; } = true;

    public IPEndPoint Admin { get; init; } = new(IPAddress.Loopback, 9901);

    public TranslatorOptions Translator { get; init; } = new();

    /// <summary>Quiet period after a file change before reloading, so a burst of writes causes one reload.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound for draining in-flight requests on shutdown.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Access log target: <c>off</c>, <c>stdout</c> or a file path (one JSON object per request and line).</summary>
    public string AccessLog { get; init; } = "off";
}
