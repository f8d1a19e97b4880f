using System.Text;
using System.Text.Json.Nodes;

namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>
/// Mutates requests the way careless and hostile callers send them: values of the wrong type or out of range, enum
/// numbers no contract declares, strings of every odd kind, lists far over the limits, nesting thousands deep, unknown
/// fields, and raw bytes or text cut, flipped and spliced. Every string a mutation writes contains <see cref="Marker"/>
/// or is one of <see cref="PersonalValues"/>, so a log can be searched for anything that came from a request (or is one
/// of <see cref="EdgeDates"/>, which put every date field of a request at the calendar's edges).
/// </summary>
public static class RequestMutator
{
    public const string Marker = "PII7Q";

    /// <summary>Values that look like a person's data; none may appear in a log.</summary>
    public static readonly string[] PersonalValues = ["1961-04-23", "23-04-1961", "GM9876", "37,25", "123456782"];

    /// <summary>Dates at the calendar's ends (a .NET client's <c>default(DateTime)</c> among them) and just inside and
    /// outside the years the host accepts.</summary>
    public static readonly string[] EdgeDates = ["0001-01-01", "0001-03-01", "0001-02-01", "9999-12-31", "9999-12-01", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01"];

    private static string[] Strings(Random random) =>
    [
        .. PersonalValues, Marker, $"{Marker}-2,5", $"{Marker}-1,2,3", $"{Marker}\u0085\u202E\u0000", $"{Marker}" + new string('x', random.Next(100, 200_000)),
        $"{Marker}-9999-99-99", $"{Marker}-1e400", $"{Marker}{{\"nested\":1}}", "", " ",
    ];

    private static JsonNode? RandomValue(Random random) => random.Next(10) switch
    {
        0 => JsonValue.Create(random.Next(-5, 100)),
        1 => JsonValue.Create(long.MaxValue),
        2 => JsonValue.Create(1.5),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => null,
        5 => new JsonObject { [Marker] = Marker },
        6 => new JsonArray(JsonValue.Create(Marker)),
        7 => JsonValue.Create(new[] { "intensive", "INTENSIVE", "Intensief", "SUPERVISION_LEVEL_PERMANENT", "participatiewet" }[random.Next(5)]),
        _ => JsonValue.Create(Strings(random)[random.Next(Strings(random).Length)]),
    };

    /// <summary>At most this many characters are added by copying one array item.</summary>
    private const int CopyBudget = 6 * 1024 * 1024;

    /// <summary>A mutated JSON request body (as text: some mutations are not JSON at all).</summary>
    public static string MutateJson(string json, Random random)
    {
        if (random.Next(4) == 0) return MutateText(json, random);
        var root = JsonNode.Parse(json)!;
        // A person named for the audit log (kept only as a pseudonym): the id must reach neither log nor error text.
        if (root is JsonObject top && random.Next(3) == 0)
            top["dataSubject"] = new JsonObject { ["id"] = random.Next(2) == 0 ? PersonalValues[4] : RandomValue(random), ["idType"] = random.Next(2) == 0 ? "BSN" : RandomValue(random) };
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations; m++)
        {
            var nodes = All(root).ToList();
            var target = nodes[random.Next(nodes.Count)];
            switch (random.Next(7))
            {
                case 0 when target is JsonObject o && o.Count > 0:
                    var key = o.Select(p => p.Key).ElementAt(random.Next(o.Count));
                    o[key] = RandomValue(random);
                    break;
                case 1 when target is JsonObject o:
                    o[random.Next(2) == 0 ? Marker + "Field" : "hasWorkCapacty"] = RandomValue(random);
                    break;
                case 2 when target is JsonArray a:
                    var item = a.Count > 0 ? a[random.Next(a.Count)]?.DeepClone() : JsonValue.Create(Marker);
                    // Copies of copies grow without bound; past a few MiB every body gets the same 413, so stop there.
                    var copies = Math.Min(random.Next(10) == 0 ? 1_500 : random.Next(1, 5), CopyBudget / (1 + (item?.ToJsonString().Length ?? 4)));
                    for (var k = 0; k < copies; k++) a.Add(item?.DeepClone());
                    break;
                case 3 when target is JsonObject o:
                    o["case"] = JsonNode.Parse(new string('[', 40) + new string(']', 40));
                    break;
                case 4 when target is JsonObject o:
                    o["correlationId"] = Marker + new string('c', random.Next(50, 900_000));
                    break;
                case 5:
                    foreach (var date in nodes.OfType<JsonValue>().Where(IsDate).ToList()) date.ReplaceWith(EdgeDates[random.Next(EdgeDates.Length)]);
                    break;
                default:
                    if (target is JsonObject obj && obj.Count > 0) obj.Remove(obj.Select(p => p.Key).ElementAt(random.Next(obj.Count)));
                    break;
            }
        }

        // The host logs a correlation id's first 40 characters (its purpose); markers go beyond them.
        if (root is JsonObject request && request["correlationId"] is JsonValue id && id.TryGetValue<string>(out var text) &&
            (text.Length < 45 || text[..45].Contains(Marker)))
            request["correlationId"] = new string('c', 45) + Marker;
        var written = root.ToJsonString();
        return random.Next(8) == 0 ? DuplicateKey(written, random) : written;
    }

    /// <summary>One object's first key written once more before it, as <c>{"asOf":null,"asOf":"2018-03-01"}</c>.</summary>
    private static string DuplicateKey(string json, Random random)
    {
        var objects = Enumerable.Range(0, json.Length - 1).Where(i => json[i] == '{' && json[i + 1] == '"').ToList();
        if (objects.Count == 0) return json;
        var at = objects[random.Next(objects.Count)] + 1;
        var key = json[at..(json.IndexOf('"', at + 1) + 1)];
        return json.Insert(at, key + ":null,");
    }

    /// <summary>Bytes that are not UTF-8 put into a body: a stray byte, a sequence cut short, an overlong '/', a
    /// surrogate written as UTF-8, a code point beyond U+10FFFF.</summary>
    public static byte[] DamageUtf8(byte[] bytes, Random random)
    {
        byte[][] damage = [[0xFF], [0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]];
        var list = bytes.ToList();
        list.InsertRange(random.Next(list.Count + 1), damage[random.Next(damage.Length)]);
        return list.ToArray();
    }

    private static bool IsDate(JsonValue value) => value.TryGetValue<string>(out var text) &&
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    private static IEnumerable<JsonNode> All(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] };
        foreach (var child in children.OfType<JsonNode>())
        foreach (var d in All(child))
            yield return d;
    }

    /// <summary>Characters deleted, inserted or the text cut off.</summary>
    public static string MutateText(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var edits = 1 + random.Next(5);
        for (var e = 0; e < edits && builder.Length > 0; e++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0: builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(8))); break;
                case 1: builder.Insert(at, "{}[],:\"0e-\\" [random.Next(11)]); break;
                default: builder.Length = at; break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Protobuf bytes flipped, cut, spliced with random bytes, or given lengths that lie.</summary>
    public static byte[] MutateBytes(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        var edits = 1 + random.Next(6);
        for (var e = 0; e < edits; e++)
        {
            var at = list.Count == 0 ? 0 : random.Next(list.Count);
            switch (random.Next(5))
            {
                case 0 when list.Count > 0: list[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: list.RemoveRange(at, Math.Min(list.Count - at, 1 + random.Next(16))); break;
                case 2: list.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256))); break;
                case 3: list.InsertRange(at, [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]); break; // a length of 4 GiB
                default: list.InsertRange(at, Enumerable.Repeat((byte)0x0B, 1_000)); break; // groups 1,000 deep
            }
        }

        return list.ToArray();
    }
}
