// Connectivity between two containers, from configuration: the analysis, its types, and its Markdown form.
export { analyseConnectivity } from './analyse';
export { connectivityMarkdown } from './markdown';
export type { ConnectivityMarkdownOptions } from './markdown';
export * from './types';
export { iccEnabled, hasEmbeddedDns, isDefaultBridge, parseGoBool } from './networkFacts';
