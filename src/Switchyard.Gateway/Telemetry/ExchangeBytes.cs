namespace Switchyard.Gateway.Telemetry;

/// <summary>
/// Body bytes of one request as forwarded: received from the client and sent upstream (<see cref="In"/>), and sent to
/// the client (<see cref="Out"/>). Null when not counted; the access log then falls back to Content-Length.
/// </summary>
internal readonly record struct ExchangeBytes(long? In, long? Out)
{
    public static ExchangeBytes Unknown => default;
}
