namespace Switchyard.Diagnostics.Trace;

/// <summary>An endpoint a data plane sends this Service port's traffic to, as the IR lists it.</summary>
/// <param name="Ready">False for an endpoint that gets traffic only as a fallback (terminating but serving).</param>
internal sealed record EndpointReceiver(string Address, int Port, string? TargetRef, string? Note = null, bool Ready = true);
