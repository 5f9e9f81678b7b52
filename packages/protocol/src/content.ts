/** What a customer's message carries beyond its text, channel-neutral (the Desktop renders each kind). */

export interface Referral {
  /** e.g. WhatsApp `ad`/`post`, Messenger `SHORTLINK`/`ADS`. */
  source?: string;
  type?: string;
  ref?: string;
  url?: string;
  sourceId?: string;
  headline?: string;
  body?: string;
  /** Click-to-WhatsApp click id. */
  ctwaClid?: string;
}

export interface SharedContact {
  name: string;
  phones: { phone: string; waId?: string; type?: string }[];
  emails: string[];
  org?: string;
}

export interface OrderItem {
  productRetailerId: string;
  quantity: number;
  itemPrice?: number;
  currency?: string;
}

/** What the customer sent, one variant per kind. `MessageEvent.text` holds its readable rendering. */
export type MessageContent =
  | { type: 'text'; body: string }
  | { type: 'image'; caption?: string }
  | { type: 'video'; caption?: string }
  | { type: 'audio'; voice: boolean }
  | { type: 'document'; filename?: string; caption?: string }
  | { type: 'sticker'; animated?: boolean; stickerId?: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | { type: 'contacts'; contacts: SharedContact[] }
  | {
      type: 'interactive_reply';
      kind: 'button_reply' | 'list_reply' | 'nfm_reply';
      id: string;
      title: string;
      description?: string;
      /** Flow (`nfm_reply`) answers: the raw JSON string the flow returned. */
      responseJson?: string;
    }
  | { type: 'button'; payload: string; text: string }
  | { type: 'quick_reply'; payload: string }
  | { type: 'postback'; payload: string; title: string; referral?: Referral }
  | { type: 'order'; catalogId?: string; note?: string; items: OrderItem[] }
  /** A shared link: Messenger `fallback`, reels and posts (`kind` is the provider's attachment type). */
  | { type: 'link'; kind: string; url?: string; title?: string }
  | { type: 'unsupported'; reason: string; code?: string };

