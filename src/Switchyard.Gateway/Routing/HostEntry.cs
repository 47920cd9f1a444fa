namespace Switchyard.Gateway.Routing;

/// <summary>One pattern of a <see cref="HostLookup{T}"/>: exact, <c>*.suffix</c> (one label or any depth) or null for any host.</summary>
internal readonly record struct HostEntry<T>(string? Pattern, bool SingleLabel, T Value);
