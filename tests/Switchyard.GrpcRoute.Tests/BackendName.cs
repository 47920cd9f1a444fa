namespace Switchyard.GrpcRoute.Tests;

/// <summary>The name a backend puts in its replies.</summary>
internal sealed record BackendName(string Value);
