using System.Text.Json.Nodes;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host.Json;
using EligibilityEngine.Host.Security;
using Google.Api;
using Google.Protobuf.Reflection;

namespace EligibilityEngine.Host.OpenApi;

/// <summary>
/// Writes the OpenAPI 3 document of the JSON side from the gRPC contract itself: every method with an HTTP rule
/// (google.api.http) is an operation, its messages are the schemas, the proto comments the descriptions. The error
/// responses are the problem details the host gives (<see cref="Problem"/>); every response declares the headers
/// <see cref="ResponseHeadersMiddleware"/> sets. Streaming methods have no HTTP rule and are gRPC only.
/// </summary>
/// <param name="library">The loaded rules, for the example answer of Evaluate; null before they are loaded.</param>
public sealed class OpenApiDocumentBuilder(OpenApiOptions options, RuleLibrary? library = null)
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document for callers reaching the API at <paramref name="baseUrl"/> (scheme and host, no path).</summary>
    public JsonObject Build(string baseUrl)
    {
        var service = ContractDescriptors.Service;
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var method in service.Methods)
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule) continue;
            AddOperation(paths, method, rule, method.Name, schemas);
            foreach (var extra in rule.AdditionalBindings)
                AddOperation(paths, method, extra, method.Name + OperationSuffix(extra), schemas);
        }

        paths["/openapi.json"] = new JsonObject
        {
            ["get"] = new JsonObject
            {
                ["operationId"] = "getOpenApiDocument",
                ["summary"] = "Dit document: de OpenAPI-beschrijving van de JSON-kant.",
                ["tags"] = new JsonArray("documentatie"),
                ["security"] = new JsonArray(),
                ["responses"] = Responses(new JsonObject { ["type"] = "object" }, hasInput: false, body: false),
            },
        };

        foreach (var (name, schema) in ProblemSchemas()) schemas[name] = schema;
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "EligibilityEngine: beschut werk (Participatiewet art. 10b)",
                ["description"] = ContractDescriptors.Comment(service) + "\n\n" + ApiDescription,
                ["version"] = ResponseHeadersMiddleware.ApiVersion,
                ["contact"] = new JsonObject { ["name"] = options.Contact.Name, ["url"] = options.Contact.Url, ["email"] = options.Contact.Email },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = baseUrl.TrimEnd('/') + "/v1", ["description"] = "Deze host" }),
            ["tags"] = new JsonArray(
                new JsonObject { ["name"] = "beoordelingen", ["description"] = "Een casus beoordelen op een peildatum." },
                new JsonObject { ["name"] = "regelsets", ["description"] = "De versies van de regels: inhoud en verschillen." },
                new JsonObject { ["name"] = "impactanalyses", ["description"] = "Wiens beslissingen een wijziging van de regels verandert." },
                new JsonObject { ["name"] = "documentatie", ["description"] = "Deze beschrijving." }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject(schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                ["headers"] = new JsonObject(ResponseHeaders.Append(RetryAfter)
                    .Select(h => KeyValuePair.Create(h.Name, (JsonNode?)new JsonObject
                    {
                        ["description"] = h.Description,
                        ["schema"] = new JsonObject { ["type"] = h.Type, ["example"] = h.Example.DeepClone() },
                    }))),
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = "Een OAuth 2.0 access token (NL GOV-profiel) in de Authorization-header, nooit in de query. "
                            + "Scopes: " + string.Join(", ", Scopes.All.Select(s => $"`{s}`")) + "; elke operatie noemt de hare.",
                    },
                },
            },
        };
    }

    private const string ApiDescription =
        "Elke operatie vraagt een token met de scope die zij noemt, en waar de host dat zo ingesteld heeft een "
        + "PKIoverheid-clientcertificaat (mutual TLS; de organisatie is het OIN uit het serialNumber). Fouten zijn "
        + "problem details (RFC 9457); bij ongeldige invoer noemt `invalidParams` elk fout veld. EvaluateBatch en "
        + "ImpactAnalysis zijn streams en alleen via gRPC te gebruiken; AnalyzeImpact (POST /impactanalyses) doet hetzelfde "
        + "als ImpactAnalysis in één verzoek.";

    private void AddOperation(JsonObject paths, MethodDescriptor method, HttpRule rule, string operationName, IDictionary<string, JsonNode> schemas)
    {
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("get", rule.Get),
            HttpRule.PatternOneofCase.Post => ("post", rule.Post),
            HttpRule.PatternOneofCase.Put => ("put", rule.Put),
            HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
            _ => throw new InvalidOperationException($"{method.FullName}: an HTTP rule without a standard method"),
        };
        // response_body: the JSON side answers with that field of the response, not the whole message.
        var output = rule.ResponseBody.Length > 0 ? method.OutputType.FindFieldByName(rule.ResponseBody).MessageType : method.OutputType;
        AddSchema(output, schemas);
        var path = template.StartsWith("/v1/", StringComparison.Ordinal) ? template["/v1".Length..]
            : throw new InvalidOperationException($"{method.FullName}: route {template} is not under /v1");
        var pathFields = System.Text.RegularExpressions.Regex.Matches(path, @"\{([a-z_]+)\}").Select(m => m.Groups[1].Value).ToHashSet();
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{([a-z_]+)\}", m => "{" + method.InputType.FindFieldByName(m.Groups[1].Value).JsonName + "}");

        var parameters = new JsonArray();
        foreach (var field in method.InputType.Fields.InDeclarationOrder())
        {
            var inPath = pathFields.Contains(field.Name);
            if (!inPath && rule.Body == "*") continue;
            parameters.Add(new JsonObject
            {
                ["name"] = field.JsonName,
                ["in"] = inPath ? "path" : "query",
                ["required"] = inPath,
                ["description"] = ContractDescriptors.Comment(field),
                ["schema"] = FieldSchema(field, schemas),
            });
        }

        var comment = ContractDescriptors.Comment(method);
        var operation = new JsonObject
        {
            ["operationId"] = char.ToLowerInvariant(operationName[0]) + operationName[1..],
            ["summary"] = comment.Split(". ")[0].TrimEnd('.') + ".",
            ["description"] = comment + $"\n\ngRPC: `{method.FullName}`. Scope: `{Scopes.For(method.Name)}`.",
            ["tags"] = new JsonArray(path.Split('/')[1]),
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
        if (parameters.Count > 0) operation["parameters"] = parameters;
        if (rule.Body == "*")
        {
            AddSchema(method.InputType, schemas);
            var content = new JsonObject { ["schema"] = Ref(method.InputType) };
            if (OpenApiExamples.Request(method.Name) is { } example) content["example"] = example;
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = content },
            };
        }

        operation["responses"] = Responses(Ref(output), hasInput: parameters.Count > 0 || rule.Body == "*", body: rule.Body == "*");
        if (method.Name == nameof(EligibilityService.EligibilityServiceBase.Evaluate))
        {
            operation["responses"]!["400"]!["content"]![ProblemJson]!["example"] = OpenApiExamples.InvalidInput(path);
            if (library is not null) operation["responses"]!["200"]!["content"]!["application/json"]!["example"] = OpenApiExamples.EvaluateResponse(library);
        }
        if (paths[path] is not JsonObject item) paths[path] = item = new JsonObject();
        item[verb] = operation;
    }

    // "/v1/regelsets/_geldend" → "Geldend": the additional binding's operation id GetRuleSetGeldend.
    private static string OperationSuffix(HttpRule rule)
    {
        var last = (rule.Get + rule.Post + rule.Put + rule.Delete + rule.Patch).Split('/')[^1].TrimStart('_');
        return char.ToUpperInvariant(last[0]) + last[1..];
    }

    private static JsonObject Responses(JsonNode okSchema, bool hasInput, bool body)
    {
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "Gelukt.",
                ["headers"] = Headers(),
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = okSchema } },
            },
        };
        var statuses = new List<int>();
        if (hasInput) statuses.Add(400);
        statuses.AddRange([401, 403, 404, 406]);
        if (body) statuses.AddRange([413, 415]);
        statuses.AddRange([429, 500, 503]);
        foreach (var status in statuses)
        {
            var headers = Headers();
            if (status == 429) headers[RetryAfter.Name] = new JsonObject { ["$ref"] = "#/components/headers/" + RetryAfter.Name };
            responses[status.ToString()] = new JsonObject
            {
                ["description"] = Problem.TitleOf(status),
                ["headers"] = headers,
                ["content"] = new JsonObject
                {
                    [ProblemJson] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = status == 400 ? "#/components/schemas/InvalidInputProblem" : "#/components/schemas/Problem" } },
                },
            };
        }

        return responses;
    }

    /// <summary>The headers <see cref="ResponseHeadersMiddleware"/> puts on every response, as the document declares them.</summary>
    private static readonly (string Name, string Type, JsonNode Example, string Description)[] ResponseHeaders =
    [
        ("API-Version", "string", ResponseHeadersMiddleware.ApiVersion, "De volledige versie van dit API-contract (semver), /core/version-header."),
        ("Cache-Control", "string", "no-store", "Beslissingen over een persoon worden nergens bewaard."),
        ("X-Content-Type-Options", "string", "nosniff", "/core/transport/security-headers."),
        ("X-Frame-Options", "string", "DENY", "/core/transport/security-headers."),
        ("Content-Security-Policy", "string", "frame-ancestors 'none'", "Voor een HTML-pagina een volledig beleid; anders alleen frame-ancestors."),
        ("Referrer-Policy", "string", "no-referrer", "/core/transport/security-headers."),
        ("Strict-Transport-Security", "string", "max-age=31536000", "Alleen over TLS."),
    ];

    private static readonly (string Name, string Type, JsonNode Example, string Description) RetryAfter =
        ("Retry-After", "integer", 1, "Na hoeveel seconden een nieuw verzoek weer kan.");

    private static JsonObject Headers() => new(ResponseHeaders.Select(h =>
        KeyValuePair.Create(h.Name, (JsonNode?)new JsonObject { ["$ref"] = "#/components/headers/" + h.Name })));

    private static JsonObject Ref(IDescriptor type) => new() { ["$ref"] = "#/components/schemas/" + type.Name };

    private static void AddSchema(MessageDescriptor message, IDictionary<string, JsonNode> schemas)
    {
        if (schemas.ContainsKey(message.Name)) return;
        var properties = new JsonObject();
        schemas[message.Name] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = ContractDescriptors.Comment(message),
            ["properties"] = properties,
        };
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            var schema = FieldSchema(field, schemas);
            var description = ContractDescriptors.Comment(field);
            if (field.RealContainingOneof is { } oneof) description += $" (Een van: {string.Join(", ", oneof.Fields.Select(f => f.JsonName))}.)";
            schema["description"] = description;
            // A retired field stays in the contract, refused with `retired` (docs/contract.md).
            if (field.GetOptions()?.Deprecated == true) schema["deprecated"] = true;
            properties[field.JsonName] = schema;
        }
    }

    private static void AddEnum(EnumDescriptor type, IDictionary<string, JsonNode> schemas)
    {
        if (schemas.ContainsKey(type.Name)) return;
        schemas[type.Name] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = ContractDescriptors.Comment(type) + "\n\n" + string.Join("\n", type.Values.Select(v =>
                $"- `{v.Name}`: {(Retired(v) ? "**uitgefaseerd** (geweigerd met `retired`). " : "")}{ContractDescriptors.Comment(v)}")),
            ["enum"] = new JsonArray(type.Values.Select(v => (JsonNode?)v.Name).ToArray()),
        };
        // OpenAPI 3.0 cannot mark one value of an enum deprecated: the description says it, and this list names them for tools.
        if (type.Values.Where(Retired).Select(v => (JsonNode?)v.Name).ToArray() is { Length: > 0 } retired)
            schemas[type.Name]["x-deprecated-values"] = new JsonArray(retired);
    }

    private static bool Retired(EnumValueDescriptor value) => value.GetOptions()?.Deprecated == true;

    private static JsonObject FieldSchema(FieldDescriptor field, IDictionary<string, JsonNode> schemas)
    {
        if (field.IsMap)
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ScalarOrRef(field.MessageType.FindFieldByName("value"), schemas) };
        var item = ScalarOrRef(field, schemas);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
    }

    private static JsonObject ScalarOrRef(FieldDescriptor field, IDictionary<string, JsonNode> schemas)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
                AddSchema(field.MessageType, schemas);
                return Ref(field.MessageType);
            case FieldType.Enum:
                AddEnum(field.EnumType, schemas);
                return Ref(field.EnumType);
            case FieldType.String:
                var schema = new JsonObject { ["type"] = "string" };
                if (field.GetOptions()?.GetExtension(OpenapiExtensions.Format) is { Length: > 0 } format) schema["format"] = format;
                return schema;
            case FieldType.Bool:
                return new JsonObject { ["type"] = "boolean" };
            case FieldType.Int32:
                return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
            default:
                // Only the types the contract uses are mapped: a field of another type names itself here at start.
                throw new NotSupportedException($"{field.FullName}: {field.FieldType} has no OpenAPI mapping here");
        }
    }

    private static IEnumerable<(string, JsonNode)> ProblemSchemas()
    {
        yield return ("Problem", new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Een fout als problem details (RFC 9457).",
            ["required"] = new JsonArray("type", "title", "status", "detail", "instance"),
            ["properties"] = ProblemProperties(),
        });
        var invalid = ProblemProperties();
        invalid["invalidParams"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "Elk ongeldig veld, alle tegelijk.",
            ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/InvalidParam" },
        };
        yield return ("InvalidInputProblem", new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Ongeldige invoer (400): de problem details met elk fout veld.",
            ["required"] = new JsonArray("type", "title", "status", "detail", "instance", "invalidParams"),
            ["properties"] = invalid,
        });
        yield return ("InvalidParam", new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Een ongeldig veld of parameter.",
            ["required"] = new JsonArray("name", "code", "reason"),
            ["properties"] = new JsonObject
            {
                ["name"] = new JsonObject { ["type"] = "string", ["description"] = "Het pad van het veld, bijv. `case.events[2].date`." },
                ["code"] = new JsonObject { ["type"] = "string", ["description"] = "Wat er mis is, als vaste code, bijv. `required`, `date`, `enum`, `unknownField`." },
                ["reason"] = new JsonObject { ["type"] = "string", ["description"] = "Wat er mis is, in woorden." },
            },
        });
    }

    private static JsonObject ProblemProperties() => new()
    {
        ["type"] = new JsonObject { ["type"] = "string", ["format"] = "uri", ["description"] = "De soort fout: de sectie van RFC 9110 over de status." },
        ["title"] = new JsonObject { ["type"] = "string", ["description"] = "De soort fout in woorden (Nederlands)." },
        ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32", ["description"] = "De HTTP-status." },
        ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "Wat er bij dit verzoek mis is." },
        ["instance"] = new JsonObject { ["type"] = "string", ["description"] = "Het pad van het verzoek." },
        ["code"] = new JsonObject { ["type"] = "string", ["description"] = "De gRPC-status van dezelfde fout, bijv. `invalidArgument`." },
    };
}
