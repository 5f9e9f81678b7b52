import { bearer, type ProviderRequest, type ProviderResponse, parseJson } from '../pipeline/http';
import { compact, nonEmpty, rec } from '../pipeline/read';
import { graphUrl } from '../meta/graph-url';
import type { MessengerConfig } from './config';

export const FALLBACK_PROFILE_NAME = 'Facebook user';

/** `GET /{version}/{PSID}?fields=first_name,last_name,profile_pic` with the page token (§1.8). */
export function buildMessengerProfileRequest(cfg: MessengerConfig, psid: string): ProviderRequest {
  const url = `${graphUrl(cfg, psid)}?fields=first_name,last_name,profile_pic`;
  return { method: 'GET', url, headers: bearer(cfg.pageAccessToken) };
}

export interface MessengerProfile {
  /** Always set: "first last", whichever exists, or "Facebook user". */
  name: string;
  firstName?: string;
  lastName?: string;
  /** An expiring URL: copy the image to keep it. */
  profilePicUrl?: string;
  /** False when the lookup failed or returned no name (the name is the fallback). */
  resolved: boolean;
}

/** Every field is optional and lookups fail for some PSIDs: any failure gives the fallback name. */
export function parseMessengerProfile(res: ProviderResponse): MessengerProfile {
  const b = res.status >= 200 && res.status < 300 ? rec(parseJson(res.body)) : {};
  const firstName = nonEmpty(b.first_name)?.trim() || undefined;
  const lastName = nonEmpty(b.last_name)?.trim() || undefined;
  const full = [firstName, lastName].filter(Boolean).join(' ');
  return compact({
    name: full || FALLBACK_PROFILE_NAME,
    firstName,
    lastName,
    profilePicUrl: nonEmpty(b.profile_pic),
    resolved: full !== '',
  });
}
