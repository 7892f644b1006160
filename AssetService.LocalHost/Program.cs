using AssetService.LocalHost;

if (args is ["migrate", .. var options]) return await MigrateCommand.RunAsync(options);
if (args is ["mint-token", ..]) return DevTokens.MintCommand(args, TimeProvider.System);

var app = LocalHostApp.Build(args);
await app.RunAsync();
return 0;
