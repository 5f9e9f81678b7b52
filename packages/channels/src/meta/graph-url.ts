import { joinUrl } from '../pipeline/http';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

/** `{base}/{version}/{segments…}`; the base is configurable so tests can point at a local fake. */
export function graphUrl(cfg: { graphBaseUrl?: string; apiVersion: string }, ...segments: string[]): string {
  return joinUrl(cfg.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL, cfg.apiVersion, ...segments);
}
