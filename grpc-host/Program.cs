using EligibilityEngine.GrpcHost;

var app = EligibilityHost.Build(args);
app.Run();
