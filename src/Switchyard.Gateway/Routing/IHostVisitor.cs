namespace Switchyard.Gateway.Routing;

/// <summary>Receives every entry of a <see cref="HostLookup{T}"/> that matches a host, most specific first.</summary>
internal interface IHostVisitor<in T>
{
    /// <summary>Returns false to stop the walk.</summary>
    bool Visit(T value);
}
