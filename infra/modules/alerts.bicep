// Alerts: dead-lettered messages on either queue, 5xx responses of the app, PostgreSQL CPU and
// connections (metric alerts), and failed Entra token refreshes for PostgreSQL (log query over the
// app's traces in the workspace). They fire into the optional action group.
param location string
param tags object
param serviceBusNamespaceName string
param dispatchQueueName string
param statusQueueName string
param functionAppName string
param postgresServerName string
param postgresMaxConnections int
param logAnalyticsName string

@description('E-mail address the alerts go to; empty: no action group (alerts show in the portal only).')
param alertEmail string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: postgresServerName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${functionAppName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'assetsvc'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmail) ? [] : [{ actionGroupId: actionGroup.id }]

resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for queue in [dispatchQueueName, statusQueueName]: {
    name: 'dead-letters-${queue}'
    location: 'global'
    tags: tags
    properties: {
      description: 'A message of queue ${queue} was dead-lettered: read it from the dead-letter queue and fix or replay it.'
      severity: 2
      enabled: true
      scopes: [namespace.id]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT5M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: 'DeadletteredMessages'
            metricNamespace: 'Microsoft.ServiceBus/namespaces'
            metricName: 'DeadletteredMessages'
            dimensions: [
              {
                name: 'EntityName'
                operator: 'Include'
                values: [queue]
              }
            ]
            operator: 'GreaterThan'
            threshold: 0
            timeAggregation: 'Maximum'
          }
        ]
      }
      actions: actions
    }
  }
]

resource serverErrors 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'http-5xx-${functionAppName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'The app answered 5xx (a 503 is a database outage; a 500 body names the trace id to search for).'
    severity: 2
    enabled: true
    scopes: [site.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'Http5xx'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    actions: actions
  }
}

resource postgresCpu 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'postgres-cpu-${postgresServerName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'PostgreSQL CPU above 80 % for 15 minutes.'
    severity: 2
    enabled: true
    scopes: [server.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'cpu_percent'
          metricNamespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
          metricName: 'cpu_percent'
          operator: 'GreaterThan'
          threshold: 80
          timeAggregation: 'Average'
        }
      ]
    }
    actions: actions
  }
}

resource postgresConnections 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'postgres-connections-${postgresServerName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'PostgreSQL connections above 80 % of max_connections (the budget in docs/deploy.md no longer holds).'
    severity: 2
    enabled: true
    scopes: [server.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'active_connections'
          metricNamespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
          metricName: 'active_connections'
          operator: 'GreaterThan'
          threshold: postgresMaxConnections * 8 / 10
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: actions
  }
}

// The app logs this line (EntraTokenCache) when it cannot get a token for PostgreSQL.
resource tokenFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'entra-token-failures-${functionAppName}'
  location: location
  tags: tags
  properties: {
    description: 'The app could not get an Entra token for PostgreSQL; connections fail once the current token expires.'
    severity: 1
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'AppTraces | where Message has "Entra token refresh for PostgreSQL failed"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [actionGroup.id]
    }
  }
}
