// Public entry point of @chaintrail/adapters. Keep this list deliberate: index.test.ts pins it.
export { HttpClient, type HttpClientParameters, type HttpRequest, type HttpResponse, type RetryInfo } from './http/HttpClient.ts';
export { JsonRpcClient, type JsonRpcClientParameters, type JsonRpcCall } from './http/JsonRpcClient.ts';
export { startAnvil, anvilBinaryPath, type StartAnvilParameters, type AnvilNode, type AnvilAccount } from './evm/anvil.ts';
