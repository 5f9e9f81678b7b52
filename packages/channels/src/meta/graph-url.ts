import { bearer, joinUrl, type ProviderRequest } from '../pipeline/http';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

/** `{base}/{version}/{segments…}`; the base is configurable so tests can point at a local fake. */
export function graphUrl(cfg: { graphBaseUrl?: string; apiVersion: string }, ...segments: string[]): string {
  return joinUrl(cfg.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL, cfg.apiVersion, ...segments);
}

/** A JSON POST to `{node}/messages` with a bearer token: the send call of both Messenger and WhatsApp. */
export function graphMessagesPost(
  cfg: { graphBaseUrl?: string; apiVersion: string },
  node: string,
  token: string,
  body: Record<string, unknown>,
): ProviderRequest {
  return {
    method: 'POST',
    url: graphUrl(cfg, node, 'messages'),
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
