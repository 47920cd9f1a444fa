using System.Net;
using k8s.Models;

namespace Switchyard.Probing.Tests;

/// <summary>Pods as the store holds them, with a readinessProbe against a loopback backend.</summary>
internal static class PodFactory
{
    public static V1Pod Pod(string name, IPEndPoint backend, V1Probe probe, string ns = "apps") => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = name + "-uid", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Ports = [new V1ContainerPort { Name = "http", ContainerPort = backend.Port, Protocol = "TCP" }],
                    ReadinessProbe = probe,
                },
            ],
        },
        Status = new V1PodStatus { Phase = "Running", PodIP = backend.Address.ToString(), Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] },
    };

    public static V1Probe HttpProbe(string port = "http", int period = 1, int failureThreshold = 1, int successThreshold = 1, int initialDelay = 0) => new()
    {
        HttpGet = new V1HTTPGetAction { Port = port, Path = "/healthz", Scheme = "HTTP" },
        PeriodSeconds = period,
        TimeoutSeconds = 1,
        FailureThreshold = failureThreshold,
        SuccessThreshold = successThreshold,
        InitialDelaySeconds = initialDelay,
    };

    /// <summary>Loopback only: no probe in these tests may reach another address.</summary>
    public static ReadinessProberOptions LoopbackOnly() => new() { AllowTarget = IPAddress.IsLoopback };

    public static async Task EventuallyAsync(Func<bool> condition, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for " + what);
            }

            await Task.Delay(10);
        }
    }
}
