namespace Switchyard.ServiceProxy;

/// <summary>A live TCP connection or UDP flow to one endpoint, which an endpoint's drain can end.</summary>
internal interface ITrackedFlow
{
    void Abort();
}
