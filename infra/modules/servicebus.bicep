// Service Bus namespace with the two queues of the Asset Service.
param location string
param tags object
param name string

@allowed(['Basic', 'Standard', 'Premium'])
param sku string

param dispatchQueueName string
param statusQueueName string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    // Entra ID (managed identity + RBAC) only; SAS keys and connection strings are disabled.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource dispatchQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: dispatchQueueName
  properties: {
    // A dispatch that fails 5 times (e.g. an invalid payload) is parked in the dead-letter queue
    // instead of being retried forever; transient failures normally succeed within a few tries.
    maxDeliveryCount: 5
    // Short lock: if an instance dies mid-message, another picks it up after 1 minute. The Functions
    // host renews the lock while a handler is still running, so long handlers are not affected.
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    // Expired dispatches are kept for inspection rather than silently dropped.
    deadLetteringOnMessageExpiration: true
  }
}

resource statusQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: statusQueueName
  properties: {
    // Status updates are idempotent and mostly fail on transient database errors, so they get
    // more attempts before being dead-lettered.
    maxDeliveryCount: 10
    // Same reasoning as the dispatch queue: quick redelivery after a crash, renewed while processing.
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    // An expired status update is an unapplied change: keep it in the dead-letter queue for replay.
    deadLetteringOnMessageExpiration: true
  }
}

output name string = namespace.name
// serviceBusEndpoint is 'https://<namespace>.servicebus.windows.net:443/'; keep only the host, which
// also holds for sovereign clouds (no hard-coded DNS suffix).
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
