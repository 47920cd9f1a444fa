namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>What the exchange needs from a parsed final response head.</summary>
internal readonly record struct ResponseHead(ResponseFraming Framing, long ContentLength, bool KeepAlive);
