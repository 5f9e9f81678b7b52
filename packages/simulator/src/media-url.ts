import { createHmac } from 'node:crypto';
import type { Sim } from './sim';

/** Media URLs are valid for 5 minutes (§2.6); signed so a guessed id alone does not download. */
export const MEDIA_URL_TTL_MS = 5 * 60_000;

const urlKey = (sim: Sim) => createHmac('sha256', 'sim-media-url').update(sim.accounts.meta.appSecret).digest();

function mac(sim: Sim, id: string, ext: string): string {
  return createHmac('sha256', urlKey(sim)).update(`${id}.${ext}`).digest('base64url').slice(0, 22);
}

/** Like `lookaside.fbsbx.com/whatsapp_business/attachments/?mid=…`: needs the bearer token too. */
export function whatsappMediaUrl(sim: Sim, id: string): string {
  const ext = String(Math.floor((sim.state.now() + MEDIA_URL_TTL_MS) / 1000));
  return `${sim.baseUrl()}/whatsapp_business/attachments/?mid=${id}&ext=${ext}&hash=${mac(sim, id, ext)}`;
}

/** Like Messenger's signed CDN links: public, no token. */
export function messengerCdnUrl(sim: Sim, id: string): string {
  return `${sim.baseUrl()}/cdn/messenger/${id}?sig=${mac(sim, id, 'cdn')}`;
}

export function checkMediaUrl(sim: Sim, id: string, ext: string, hash: string): 'ok' | 'bad' | 'expired' {
  if (hash !== mac(sim, id, ext)) return 'bad';
  return Number(ext) * 1000 < sim.state.now() ? 'expired' : 'ok';
}

export function checkCdnSig(sim: Sim, id: string, sig: string): boolean {
  return sig === mac(sim, id, 'cdn');
}
