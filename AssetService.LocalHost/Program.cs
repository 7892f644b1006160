using AssetService.LocalHost;

if (args is ["migrate", .. var options]) return await MigrateCommand.RunAsync(options);
if (args is ["mint-token", ..]) return DevTokens.MintCommand(args, TimeProvider.System);
if (args is ["headroom-sql", .. var query]) return HeadroomSqlCommand.Run(query);

var app = LocalHostApp.Build(args);
await app.RunAsync();
return 0;
