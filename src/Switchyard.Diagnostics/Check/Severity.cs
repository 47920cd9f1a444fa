namespace Switchyard.Diagnostics.Check;

/// <summary>How bad a finding is; ordered so that a higher value is worse.</summary>
public enum Severity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
