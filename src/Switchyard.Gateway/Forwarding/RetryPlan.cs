using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// A rule's retry policy compiled for the request path: a status lookup table, the retry budget, the backoff and the
/// two timeouts (the whole exchange, each attempt). The wait before retry n is the backoff doubled n-1 times, capped at
/// ten times the backoff, plus up to half of that as jitter: never less than the configured minimum.
/// </summary>
internal sealed class RetryPlan
{
    private const int FirstCode = 400;

    private readonly bool[] _codes = new bool[200];

    private RetryPlan(RetryPolicy policy, TimeSpan? requestTimeout, TimeSpan? backendRequestTimeout)
    {
        foreach (var code in policy.Codes.IsDefault ? [] : policy.Codes)
        {
            if ((uint)(code - FirstCode) < (uint)_codes.Length)
            {
                _codes[code - FirstCode] = true;
            }
        }

        Attempts = Math.Max(policy.Attempts, 1);
        Backoff = policy.Backoff > TimeSpan.Zero ? policy.Backoff : TimeSpan.Zero;
        RequestTimeout = requestTimeout > TimeSpan.Zero ? requestTimeout : null;
        BackendRequestTimeout = backendRequestTimeout > TimeSpan.Zero ? backendRequestTimeout : null;
    }

    /// <summary>Retries after the first attempt.</summary>
    public int Attempts { get; }

    /// <summary>The least wait before a retry.</summary>
    public TimeSpan Backoff { get; }

    /// <summary>Bounds all attempts and waits together (<c>timeouts.request</c>), or null.</summary>
    public TimeSpan? RequestTimeout { get; }

    /// <summary>Bounds each attempt (<c>timeouts.backendRequest</c>), or null.</summary>
    public TimeSpan? BackendRequestTimeout { get; }

    public static RetryPlan? Create(RouteAction action) =>
        action.Retry is { } policy ? new RetryPlan(policy, action.RequestTimeout, action.BackendRequestTimeout) : null;

    /// <summary>True when a response with this status is retried.</summary>
    public bool RetriesStatus(int status) => (uint)(status - FirstCode) < (uint)_codes.Length && _codes[status - FirstCode];

    /// <summary>The wait before retry <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan Delay(int retry)
    {
        if (Backoff == TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var ticks = Backoff.Ticks << Math.Min(retry - 1, 4);
        var cap = Backoff.Ticks * 10;
        if (ticks > cap || ticks <= 0)
        {
            ticks = cap;
        }

        return TimeSpan.FromTicks(ticks + (long)(Random.Shared.NextDouble() * (ticks / 2)));
    }
}
