// See AwsBenchHost.csproj. usage: AwsBenchHost <cargo-doctor> <few|many> <runs>   (AWS_EXTRA: how many more of each for "many", default 200)
// Prints one line per run: "<AWS read ms, as the tool printed it> <AWS requests the fake received>".
Cargo.Doctor.Bench.AwsBench.Run(args);
