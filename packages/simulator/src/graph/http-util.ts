import type { FastifyReply, FastifyRequest } from 'fastify';

/** Runs `fn` once the answer has left, so a receipt never overtakes the API response it belongs to. */
export function afterResponse(reply: FastifyReply, fn: () => void): void {
  reply.raw.once('finish', fn);
}

export interface MultipartForm {
  fields: Record<string, string>;
  file?: { bytes: Buffer; filename?: string; mimeType: string; field: string };
}

/** Reads a whole multipart body (fields + the first file); undefined when the request is not multipart. */
export async function readMultipart(req: FastifyRequest): Promise<MultipartForm | undefined> {
  if (!req.isMultipart()) return undefined;
  const form: MultipartForm = { fields: {} };
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (!form.file) form.file = { bytes, filename: part.filename, mimeType: part.mimetype, field: part.fieldname };
    } else {
      form.fields[part.fieldname] = String(part.value);
    }
  }
  return form;
}
