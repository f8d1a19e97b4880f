using EligibilityEngine.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

// Asks the EligibilityEngine service whether the duty to offer beschut werk holds for one person, and prints the
// decision. Usage:
//   dotnet run --project samples/MunicipalClient -- [address] [--ca ca.pem] [--certificate client.pem --key client.key]
//     [--token-file token.jwt]
// address: http://127.0.0.1:5290 by default. Over https the server's certificate must chain to --ca (in production the
// PKIoverheid root); --certificate/--key is the municipality's PKIoverheid certificate (mutual TLS); the access token
// (scope "beoordelen") is read from a file, so that it never shows in a process list or shell history.
var options = Options.Parse(args);
var handler = MunicipalClient.ClientHandler.Create(options.Ca, options.Certificate, options.Key);

var credentials = new Metadata();
if (options.TokenFile is not null) credentials.Add("Authorization", "Bearer " + File.ReadAllText(options.TokenFile).Trim());
using var channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { HttpHandler = handler });
var client = new EligibilityService.EligibilityServiceClient(channel);

var request = new EvaluateRequest
{
    CorrelationId = "gemeente-groningen-2018-001", // your own reference: never a name or BSN
    AsOf = "2018-03-01",
    Case = new Case
    {
        Person = new Person
        {
            DateOfBirth = "1994-05-17",
            HasWorkCapacity = true,
            SupervisionNeed = SupervisionLevel.Permanent,
            AdaptationNeed = AdaptationLevel.Limited,
            SupervisionBeyondEmployer = true, AdaptationsBeyondEmployer = true,
            Benefit = Benefit.Participatiewet, WswIndication = false,
        },
        Application = new Application { Applicant = Applicant.Municipality, Date = "2018-01-08", NewFactsStated = false },
        Municipality = new Municipality
        {
            Code = "GM0014",
            EmployeesKnown = true,
            Employees = { Enumerable.Range(0, 52).Select(_ => new Employee { HoursPerWeek = "25", EmployerKind = EmployerKind.SwCompany }) },
        },
    },
};

try
{
    var decision = (await client.EvaluateAsync(request, credentials, deadline: DateTime.UtcNow.AddSeconds(5))).Decision;
    Console.WriteLine($"Regelset {decision.RuleSet.Id} {decision.RuleSet.Version}{(decision.RuleSet.Planned ? " (GEPLAND)" : "")}, sha256 {decision.RuleSet.ContentHash}");
    Console.WriteLine($"Rekenregels uitgevoerd met: {decision.Engine.Name} {decision.Engine.Version}");
    foreach (var outcome in decision.Outcomes)
    {
        Console.WriteLine($"{outcome.Title}: {outcome.Value}");
        Console.WriteLine($"  {outcome.Explanation}");
        if (outcome.Citation is not null) Console.WriteLine($"  Bron: {outcome.Citation.Text} {outcome.Citation.Url}");
    }

    foreach (var missing in decision.MissingFacts) Console.WriteLine($"Ontbreekt: {missing.Label} ({missing.Path})");
}
catch (RpcException ex)
{
    Console.Error.WriteLine($"{ex.StatusCode}: {ex.Status.Detail}");
    return 1;
}

return 0;

/// <summary>The command line: an address and named files.</summary>
internal sealed record Options(string Address, string? Ca, string? Certificate, string? Key, string? TokenFile)
{
    public static Options Parse(string[] args)
    {
        var named = new Dictionary<string, string>();
        var address = "http://127.0.0.1:5290";
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) address = args[i];
            else if (i + 1 < args.Length) named[args[i][2..]] = args[++i];
            else throw new ArgumentException($"{args[i]} needs a value");
        }

        foreach (var name in named.Keys.Except(["ca", "certificate", "key", "token-file"]))
            throw new ArgumentException($"unknown option --{name}");
        if (named.ContainsKey("certificate") != named.ContainsKey("key")) throw new ArgumentException("--certificate and --key go together");
        return new Options(address, named.GetValueOrDefault("ca"), named.GetValueOrDefault("certificate"), named.GetValueOrDefault("key"),
            named.GetValueOrDefault("token-file"));
    }
}
