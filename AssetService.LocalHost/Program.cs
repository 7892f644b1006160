using AssetService.LocalHost;

if (args is ["migrate", .. var options]) return await MigrateCommand.RunAsync(options);

var app = LocalHostApp.Build(args);
await app.RunAsync();
return 0;
