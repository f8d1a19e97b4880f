using EligibilityEngine.GrpcHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Until the gRPC contract lands (issue 4), the host loads, validates and compiles the rule sets at start-up and
// logs what it would serve: versions and content hashes, never case data.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<RulesOptions>(builder.Configuration.GetSection(RulesOptions.Section));
builder.Services.AddHostedService<RuleSetLoader>();
builder.Build().Run();
