using EligibilityEngine.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

// Asks the EligibilityEngine service whether the duty to offer beschut werk holds for one person, and prints the
// decision. Usage: dotnet run --project samples/MunicipalClient -- [http://127.0.0.1:5290]
var address = args.Length > 0 ? args[0] : "http://127.0.0.1:5290";
using var channel = GrpcChannel.ForAddress(address);
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
    var decision = (await client.EvaluateAsync(request, deadline: DateTime.UtcNow.AddSeconds(5))).Decision;
    Console.WriteLine($"Regelset {decision.RuleSet.Id} {decision.RuleSet.Version}{(decision.RuleSet.Planned ? " (GEPLAND)" : "")}, sha256 {decision.RuleSet.ContentHash}");
    Console.WriteLine($"Beoordeeld door: {decision.Engine.Name} {decision.Engine.Version}");
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
