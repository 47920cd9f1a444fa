using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Serving;
using Switchyard.Cli.Tests.Serving;
using Switchyard.Gateway;
using Switchyard.Translation;

namespace Switchyard.Cli.Tests.Observability;

/// <summary><c>serve</c> as the observability tests run it: one manifest folder, no watching, admin API on loopback, an access log.</summary>
internal static class AccessLoggedServer
{
    /// <summary>Starts serve over <paramref name="manifests"/>, binding Gateway listeners on 127.0.0.1 and logging requests to <paramref name="accessLog"/>.</summary>
    public static Task<RunningServer> StartAsync(string manifests, string accessLog, TextWriter console, UpstreamClient upstreamClient = UpstreamClient.Lean) =>
        RunningServer.StartAsync(new SwitchyardServer(
            new ServeOptions
            {
                Files = [manifests],
                Watch = false,
                Admin = new IPEndPoint(IPAddress.Loopback, 0),
                AccessLog = accessLog,
                UpstreamClient = upstreamClient,
                Translator = new TranslatorOptions { BindAddress = "127.0.0.1" },
            },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            console));
}
