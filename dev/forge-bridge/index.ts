export { startBridgeServer, MAX_INVOKE_REQUEST_BYTES } from './server';
export { SUPPORTED_BRIDGE_CALLS } from './bridgeClientScript';
export type {
  BridgeServer,
  ModulePageParams,
  ResolverCall,
  ResolverInvoker,
  ResolverResult,
  StartBridgeServerOptions,
  TrustedResolverContext,
} from './types';
