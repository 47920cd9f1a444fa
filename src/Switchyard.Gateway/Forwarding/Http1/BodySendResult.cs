namespace Switchyard.Gateway.Forwarding.Http1;

internal readonly record struct BodySendResult(BodySendStatus Status, Exception? Exception);
