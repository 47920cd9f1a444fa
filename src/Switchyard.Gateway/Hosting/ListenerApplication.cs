using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.Hosting;

/// <summary>
/// The Kestrel application of one listener: no middleware pipeline, one <see cref="CompiledListener"/> read per
/// request, and the <see cref="DefaultHttpContext"/> reused per connection where the server allows it.
/// </summary>
internal sealed class ListenerApplication(ListenerHost host, RequestHandler handler) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures)
    {
        if (contextFeatures is IHostContextContainer<HttpContext> container)
        {
            if (container.HostContext is DefaultHttpContext reused)
            {
                reused.Initialize(contextFeatures);
                return reused;
            }

            var created = new DefaultHttpContext(contextFeatures);
            container.HostContext = created;
            return created;
        }

        return new DefaultHttpContext(contextFeatures);
    }

    public Task ProcessRequestAsync(HttpContext context)
    {
        if (context.Request.IsHttps && host.Protocol == Ir.ListenerProtocol.Http)
        {
            H2cPriorKnowledge.FixScheme(context);
        }

        return handler.HandleAsync(context, host.Current);
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
        if (context is DefaultHttpContext defaultContext)
        {
            defaultContext.Uninitialize();
        }
    }
}
