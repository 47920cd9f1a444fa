namespace Switchyard.Ir;

public enum ListenerProtocol
{
    Http,
    Https,
}
