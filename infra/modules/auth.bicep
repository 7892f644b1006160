// Who may call the API (docs/decisions.md, "Keys and tokens"). Every HTTP trigger is anonymous at the
// host; the app itself checks the function key (known only by its SHA-256 digest) or an Entra ID token
// of the API's app registration, made by appRegistration.bicep or by hand (docs/deploy.md).
// This module only turns the parameters into the app settings the Function App receives.

@description('Entra tenant that issues the tokens.')
param tenantId string

@description('Application (client) id of the API app registration: the audience of its v2.0 tokens. Empty: bearer tokens are refused.')
param audience string

@description('SHA-256 digest (64 hex digits) of the function key. Empty: no key is accepted.')
@maxLength(64)
param apiKeySha256 string

// v2.0 tokens (accessTokenAcceptedVersion 2 in the app manifest) carry this issuer; the app reads the
// signing keys from <issuer>/.well-known/openid-configuration.
var issuer = empty(audience) ? '' : '${environment().authentication.loginEndpoint}${tenantId}/v2.0'

@description('The Function App\'s auth settings, named as the app reads them.')
output settings object = {
  issuer: issuer
  audience: audience
  apiKeySha256: toLower(apiKeySha256)
}
