// Package client is a typed Azure Resource Manager and Foundry project client for Microsoft.CognitiveServices, built on azcore.
package client
