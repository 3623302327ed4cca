// Engine API versions ("1.41") and the features each one honours.

export const OLDEST_SUPPORTED_API = '1.30';
/** The newest API this extension knows; newer engines are spoken to at this version. */
export const NEWEST_KNOWN_API = '1.52';

export function compareApiVersions(a: string, b: string): number {
  const [aMajor, aMinor] = parseApiVersion(a);
  const [bMajor, bMinor] = parseApiVersion(b);
  return aMajor - bMajor || aMinor - bMinor;
}

export function isApiAtLeast(version: string, minimum: string): boolean {
  return compareApiVersions(version, minimum) >= 0;
}

function parseApiVersion(version: string): [number, number] {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new Error(`not an API version: "${version}"`);
  return [Number(match[1]), Number(match[2])];
}

/** What the negotiated API honours, so the UI only offers options the engine will not silently ignore. */
export interface EngineCapabilities {
  /** `MacAddress` in the connect endpoint config (API 1.44). */
  readonly connectMacAddress: boolean;
  /** `GwPriority` on connect (API 1.48). */
  readonly gatewayPriority: boolean;
}

export function capabilitiesOf(apiVersion: string): EngineCapabilities {
  return {
    connectMacAddress: isApiAtLeast(apiVersion, '1.44'),
    gatewayPriority: isApiAtLeast(apiVersion, '1.48'),
  };
}

export type NegotiationResult = { readonly ok: true; readonly apiVersion: string } | { readonly ok: false; readonly reason: string };

/**
 * Picks the API version to speak: the engine's newest, capped at the newest we know, as long as the engine still
 * accepts it (MinAPIVersion) and it is not older than the oldest we support.
 */
export function negotiateApiVersion(engineApi: string, engineMinApi: string | undefined): NegotiationResult {
  if (compareApiVersions(engineApi, OLDEST_SUPPORTED_API) < 0) {
    return {
      ok: false,
      reason: `the engine's API ${engineApi} is too old: Docker Networks needs API ${OLDEST_SUPPORTED_API} or newer (Docker Engine 17.06+)`,
    };
  }
  const chosen = compareApiVersions(engineApi, NEWEST_KNOWN_API) > 0 ? NEWEST_KNOWN_API : engineApi;
  if (engineMinApi && compareApiVersions(chosen, engineMinApi) < 0) {
    return {
      ok: false,
      reason: `the engine's API is too new: it accepts API ${engineMinApi} or newer, and Docker Networks speaks at most ${NEWEST_KNOWN_API}`,
    };
  }
  return { ok: true, apiVersion: chosen };
}
