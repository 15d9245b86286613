// The consumer smoke test: what a newcomer does after `dotnet add package`, against the packages just published.
// Each check prints "ok <name>" or throws (exit code 1). eng/consumer-smoke.sh asserts the lines.
using Tenancy.ConsumerSmoke;

await QuickStart.RunAsync();
Console.WriteLine("ok quick-start");
await DataAndFiles.RunAsync();
Console.WriteLine("ok ef-and-storage");
