namespace Switchyard.Probing;

/// <summary>A Pod's probed readiness changed.</summary>
public sealed record PodReadinessChange(string Namespace, string Name, bool Ready);
