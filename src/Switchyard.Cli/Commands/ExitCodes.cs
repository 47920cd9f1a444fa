namespace Switchyard.Cli.Commands;

/// <summary>Process exit codes, documented in README.md.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary><c>status</c>: some object was refused. <c>check</c>: findings at or above --fail-on.</summary>
    public const int Refused = 1;

    /// <summary>Usage errors (bad flags) and, for <c>check</c>, load failures.</summary>
    public const int Usage = 2;

    /// <summary><c>serve</c> could not start (e.g. the admin port is taken).</summary>
    public const int StartupFailed = 3;
}
