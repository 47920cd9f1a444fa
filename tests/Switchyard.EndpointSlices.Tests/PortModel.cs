namespace Switchyard.EndpointSlices.Tests;

/// <summary>A Service port: name, port and targetPort (a number, a container port name, or unset).</summary>
internal sealed record PortModel(string Name, int Port, string? TargetPort);
