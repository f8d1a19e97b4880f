using EligibilityEngine.Grpc.V1;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace EligibilityEngine.Host.OpenApi;

/// <summary>
/// The contract as protoc compiled it, with its comments: the descriptor set the build embeds (protoc
/// <c>--include_source_info</c>). Generated C# descriptors carry no comments, and the OpenAPI document describes every
/// operation, message and field in the contract's own words.
/// </summary>
public static class ContractDescriptors
{
    private static readonly Lazy<ServiceDescriptor> LazyService = new(Load);

    /// <summary>eligibility.v1.EligibilityService, with comments and options (HTTP rules, formats).</summary>
    public static ServiceDescriptor Service => LazyService.Value;

    private static ServiceDescriptor Load()
    {
        using var stream = typeof(ContractDescriptors).Assembly.GetManifestResourceStream("eligibility.protoset")
            ?? throw new InvalidOperationException("the build did not embed eligibility.protoset");
        var set = FileDescriptorSet.Parser.ParseFrom(stream);
        var registry = new ExtensionRegistry { AnnotationsExtensions.Http, OpenapiExtensions.Format };
        var files = FileDescriptor.BuildFromByteStrings(set.File.Select(f => f.ToByteString()), registry);
        return files.SelectMany(f => f.Services).Single(s => s.FullName == EligibilityService.Descriptor.FullName);
    }

    /// <summary>The comment above an element, as one paragraph per blank-line-separated block.</summary>
    public static string Comment(IDescriptor descriptor) =>
        descriptor is DescriptorBase { Declaration: { } declaration }
            ? string.Join("\n\n", declaration.LeadingComments.Trim().Split("\n\n").Select(p => string.Join(' ', p.Split('\n').Select(l => l.Trim()))))
            : "";
}
