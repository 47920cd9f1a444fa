using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Switchyard.Dns.Tests.Support;

/// <summary>Runs BIND's <c>dig</c> (an independent client) against a local server and parses its output.</summary>
internal sealed partial class Dig
{
    public string Status { get; private init; } = string.Empty;

    public HashSet<string> Flags { get; } = new(StringComparer.Ordinal);

    public List<string> Answers { get; } = [];

    public List<string> Authority { get; } = [];

    public List<string> Additional { get; } = [];

    /// <summary>The server's advertised UDP size from the OPT pseudosection, or null without EDNS.</summary>
    public int? EdnsUdpSize { get; private set; }

    public string Output { get; private init; } = string.Empty;

    public static async Task<Dig> RunAsync(int port, params string[] args)
    {
        var psi = new ProcessStartInfo("dig")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=3", "+tries=1", "+nocookie", .. args])
        {
            psi.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"dig is not installed ({ex.Message}). The DNS integration tests need it: apt-get install -y dnsutils");
            throw;
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"dig {string.Join(' ', args)} exited {process.ExitCode}: {error}\n{output}");
            return Parse(output);
        }
    }

    private static Dig Parse(string output)
    {
        var status = StatusLine().Match(output);
        var result = new Dig { Status = status.Success ? status.Groups[1].Value : string.Empty, Output = output };
        var flags = FlagsLine().Match(output);
        if (flags.Success)
        {
            foreach (var flag in flags.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                result.Flags.Add(flag);
            }
        }

        var udp = UdpLine().Match(output);
        if (udp.Success)
        {
            result.EdnsUdpSize = int.Parse(udp.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        List<string>? section = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith(";; ANSWER SECTION", StringComparison.Ordinal))
            {
                section = result.Answers;
            }
            else if (line.StartsWith(";; AUTHORITY SECTION", StringComparison.Ordinal))
            {
                section = result.Authority;
            }
            else if (line.StartsWith(";; ADDITIONAL SECTION", StringComparison.Ordinal))
            {
                section = result.Additional;
            }
            else if (line.Length == 0 || line.StartsWith(';'))
            {
                if (line.Length == 0)
                {
                    section = null;
                }
            }
            else
            {
                section?.Add(Spaces().Replace(line, " "));
            }
        }

        return result;
    }

    [GeneratedRegex(@"status: ([A-Z]+)")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@";; flags: ([a-z ]+);")]
    private static partial Regex FlagsLine();

    [GeneratedRegex(@"; EDNS: version: \d+, flags:[a-z ]*; udp: (\d+)")]
    private static partial Regex UdpLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
