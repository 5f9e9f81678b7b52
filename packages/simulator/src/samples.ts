/** Small sample files the customer can "send" without having any at hand. */

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A one-page PDF that says "Sample receipt". */
export const SAMPLE_PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>> endobj',
    '4 0 obj <</Length 44>> stream',
    'BT /F1 18 Tf 40 70 Td (Sample receipt) Tj ET',
    'endstream endobj',
    '5 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
    '',
  ].join('\n'),
);

export interface Sample {
  bytes: Buffer;
  mimeType: string;
  filename: string;
}

export const SAMPLES: Record<'image' | 'document', Sample> = {
  image: { bytes: SAMPLE_PNG, mimeType: 'image/png', filename: 'photo.png' },
  document: { bytes: SAMPLE_PDF, mimeType: 'application/pdf', filename: 'receipt.pdf' },
};
