using System.Text.Json.Nodes;
using EligibilityEngine.Host.Json;
using EligibilityEngine.Host.Services;
using Microsoft.AspNetCore.Http;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.OpenApi;

/// <summary>
/// The examples of the OpenAPI document, none written by hand: the request is the sample the README posts
/// (<c>samples/requests/positief-advies.json</c>, embedded), and the 400 is what the host answers to a request with an
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
