using Microsoft.Extensions.Options;

namespace Switchyard.Gateway;

/// <summary>Source-generated validation of <see cref="GatewayDataPlaneOptions"/>.</summary>
[OptionsValidator]
public sealed partial class GatewayDataPlaneOptionsValidator : IValidateOptions<GatewayDataPlaneOptions>;
