import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { performPlan, type ChannelAdapter, type ProviderContext } from '../contract';
import { jsonBody, metaWebhook } from '../meta/webhook';
import { downloadMedia, httpMediaFailure } from '../pipeline/media-fetch';
import { CHANNEL_SETTINGS } from '../settings/registry';
import type { WhatsAppConfig } from './config';
import { buildMediaDownloadRequest, buildMediaInfoRequest, parseMediaInfoResponse } from './media';
import { parseWhatsAppWebhook } from './parse';
import { buildWhatsAppMarkRead, interpretWhatsAppAck, interpretWhatsAppSendResponse, planWhatsAppSend } from './send';
import type { WhatsAppSettings } from './settings';
import { uploadPrivateMedia } from '../pipeline/upload-media';
import { buildWhatsAppMediaUpload, interpretWhatsAppUploadResponse } from './upload';

type Settings = WhatsAppSettings & { accessToken: string };

function config(ctx: ProviderContext<Settings>): WhatsAppConfig {
  const { graph } = ctx.providers;
  return { graphBaseUrl: graph.baseUrl, apiVersion: graph.apiVersion, phoneNumberId: ctx.settings.phoneNumberId, accessToken: ctx.settings.accessToken };
}

/** WhatsApp Business Cloud API (wire-formats §2). */
export const whatsappAdapter: ChannelAdapter<Settings> = {
  channel: 'whatsapp',
  rules: DEFAULT_CHANNEL_RULES.whatsapp,
  settings: CHANNEL_SETTINGS.whatsapp,
  webhook: {
    path: '/webhooks/whatsapp',
    verify: (req, ctx) => metaWebhook.verify(req, ctx.providers),
    parse: (raw, receivedAt) => parseWhatsAppWebhook(jsonBody(raw), { receivedAt }),
    ack: metaWebhook.ack,
    handshake: metaWebhook.handshake,
  },
  async send(original, ctx) {
    const msg = await uploadPrivateMedia(original, ctx, (file) => buildWhatsAppMediaUpload(config(ctx), file), interpretWhatsAppUploadResponse);
    if ('ok' in msg) return msg;
    const plan = planWhatsAppSend(config(ctx), msg);
    if (!plan.ok) return plan;
    return performPlan(plan.requests, (res) => interpretWhatsAppSendResponse(res, ctx.now()), ctx);
  },
  async fetchMedia(ref, ctx) {
    const cfg = config(ctx);
    if (ref.kind !== 'whatsapp_media') {
      return downloadMedia({ method: 'GET', url: ref.url, headers: {} }, ctx, { mimeType: ref.mimeType }, httpMediaFailure);
    }
    const infoRes = await ctx.http(buildMediaInfoRequest(cfg, ref.id), ctx.signal);
    if ('networkError' in infoRes) return { ok: false, retryable: true, code: 'network', reason: infoRes.networkError };
    const info = parseMediaInfoResponse(infoRes, ctx.now());
    if (!info.ok) return info;
    const download = buildMediaDownloadRequest(cfg, info.url);
    if ('ok' in download) return download;
    return downloadMedia(download, ctx, { mimeType: ref.mimeType ?? info.mimeType, filename: ref.filename }, httpMediaFailure);
  },
  async markRead(providerMessageId, ctx) {
    const res = await ctx.http(buildWhatsAppMarkRead(config(ctx), providerMessageId), ctx.signal);
    if ('networkError' in res) return { ok: false, retryable: true, code: 'network', reason: res.networkError };
    return interpretWhatsAppAck(res, ctx.now());
  },
};
