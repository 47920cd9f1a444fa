using Microsoft.Extensions.Options;

namespace Switchyard.Dns;

/// <summary>Validates <see cref="DnsServerOptions"/> from its data annotations (source-generated).</summary>
[OptionsValidator]
public sealed partial class DnsServerOptionsValidator : IValidateOptions<DnsServerOptions>
{
}
