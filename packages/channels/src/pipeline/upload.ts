import type { SendFailure } from './outbound';

/** A file we hold (an agent's attachment) that must be uploaded because it has no public URL. */
export interface UploadFile {
  bytes: Uint8Array;
  mimeType: string;
  filename: string;
}

/** An upload's answer: the provider's id to send the file by (`OutboundMedia.providerMediaId`). */
export type UploadResult = { ok: true; providerMediaId: string } | SendFailure;
