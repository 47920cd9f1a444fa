using Microsoft.AspNetCore.Http;

namespace Switchyard.Gateway.Routing;

/// <summary>The parts of a request that route matching reads; built without copying from the server's request.</summary>
internal readonly struct RouteRequest(string? host, string? path, string method, IHeaderDictionary headers, string? query)
{
    /// <summary>The Host header (or :authority), port included.</summary>
    public string Host { get; } = host ?? string.Empty;

    /// <summary>The decoded path; empty is treated as <c>/</c>.</summary>
    public string Path { get; } = string.IsNullOrEmpty(path) ? "/" : path;

    public string Method { get; } = method;

    public IHeaderDictionary Headers { get; } = headers;

    /// <summary>The raw query string, with its leading <c>?</c>, or null.</summary>
    public string? Query { get; } = query;
}
