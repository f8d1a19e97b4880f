using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Google.Protobuf;
using EligibilityEngine.Host.Json;
using EligibilityEngine.Host.Services;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.OpenApi;

/// <summary>
/// The examples of the OpenAPI document, none written by hand: the request is the sample the README posts
/// (<c>samples/requests/positief-advies.json</c>, embedded), its 200 the decision the loaded rules give it (with an
/// example decision id: only a recorded decision has one), and the 400 is what the host answers to a request with an
/// impossible date and a municipality code that is none, made by the same code that answers it.
/// </summary>
public static class OpenApiExamples
{
    /// <summary>The example body of a method that takes one, or null.</summary>
    public static JsonNode? Request(string method) => method switch
    {
        nameof(V1.EligibilityService.EligibilityServiceBase.Evaluate) => Evaluation(),
        nameof(V1.EligibilityService.EligibilityServiceBase.AnalyzeImpact) => new JsonObject
        {
            ["settings"] = new JsonObject { ["from"] = "2026-01-01", ["to"] = "planned-simpel-switchen" },
            ["cases"] = new JsonArray(new JsonObject
            {
                ["name"] = "positief-advies",
                ["asOf"] = Evaluation()["asOf"]!.DeepClone(),
                ["case"] = Evaluation()["case"]!.DeepClone(),
            }),
        },
        _ => null,
    };

    /// <summary>The decision id the example answer shows.</summary>
    public const string ExampleDecisionId = "01a23d68-008b-7ad7-8e41-06ac5e354aca";

    private static readonly ConditionalWeakTable<RuleLibrary, JsonNode> Decisions = new();

    /// <summary>The answer to the example request under <paramref name="library"/>, once per loaded library (the document
    /// is open to everyone: asking for it again does not judge the case again).</summary>
    public static JsonNode EvaluateResponse(RuleLibrary library) => Decisions.GetValue(library, Decide).DeepClone();

    private static JsonNode Decide(RuleLibrary loaded)
    {
        var request = JsonParser.Default.Parse<V1.EvaluateRequest>(Evaluation().ToJsonString());
        var (@case, asOf, _) = new RequestMapper().MapEvaluation(request);
        var decision = DecisionMapper.Map(loaded.Evaluate(@case, asOf, EligibilityGrpcService.OptionsFor(request)));
        decision.DecisionId = ExampleDecisionId;
        var response = new V1.EvaluateResponse { CorrelationId = request.CorrelationId, Decision = decision };
        return JsonNode.Parse(new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true)).Format(response))!;
    }

    /// <summary>The problem a request with an impossible date and a bad municipality code gets.</summary>
    public static JsonNode InvalidInput(string path)
    {
        var bad = new V1.EvaluateRequest { AsOf = "2019-02-30", Case = new V1.Case { Municipality = new V1.Municipality { Code = "GM14" } } };
        var status = CallError.InvalidArgument(RequestMapper.Check(bad)).ToStatus();
        return Problem.FromStatus(new DefaultHttpContext { Request = { Path = "/v1" + path } }, StatusCodes.Status400BadRequest, status).ToJson();
    }

    private static JsonObject Evaluation()
    {
        using var stream = typeof(OpenApiExamples).Assembly.GetManifestResourceStream("openapi/voorbeeld-beoordeling.json")
                           ?? throw new InvalidOperationException("the example request is not embedded");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
