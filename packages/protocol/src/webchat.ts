import type { AttachmentDto, ConversationStatus, MessageDto } from './domain';

/**
 * Web chat customer protocol.
 * REST: POST /webchat/api/sessions {name,email,site?} -> WebchatSession;
 *       GET  /webchat/api/session  (Authorization: Bearer token) -> WebchatSnapshot;
 *       GET  /webchat/api/messages?before=<id>&limit=<n> (Bearer token) -> WebchatMessagePage (older pages);
 *       POST /webchat/api/attachments (multipart, Bearer token) -> AttachmentDto.
 * WebSocket: /webchat/ws?token=… — its `hello` frame carries the whole snapshot on every (re)connect.
 */
export interface WebchatSession {
  token: string;
  conversationId: string;
}

export interface WebchatSnapshot {
  conversationId: string;
  status: ConversationStatus;
  customerName: string;
  /** The newest page of the thread, oldest first. */
  messages: MessageDto[];
  /** Older messages exist: fetch them with GET /webchat/api/messages?before=<oldest id>. */
  hasMore: boolean;
  /** Names of the agents chatting with the customer now (owner first); empty while waiting. */
  agents: string[];
  /** The channel's limits, so the widget checks what the server will. */
  limits: { maxMessageLength: number; attachments: boolean; maxAttachmentBytes: number };
}

/** A page of older customer-visible messages, oldest first. */
export interface WebchatMessagePage {
  messages: MessageDto[];
  hasMore: boolean;
}

export type WebchatClientFrame =
  | { type: 'message'; clientId: string; text: string; attachmentIds?: string[] }
  | { type: 'typing'; typing: boolean }
  | { type: 'read'; messageIds: string[] }
  | { type: 'end' }
  | { type: 'ping'; t: number };

export type WebchatServerFrame =
  | { type: 'hello'; snapshot: WebchatSnapshot }
  | { type: 'message'; message: MessageDto }
  /** Answer to a client `message` frame once it is durably stored. */
  | { type: 'ack'; clientId: string; message: MessageDto }
  | { type: 'typing'; typing: boolean; name: string }
  /** The conversation changed: its status and who is chatting with the customer now (owner first). */
  | { type: 'status'; status: ConversationStatus; agents: string[] }
  | { type: 'error'; code: string; message: string; clientId?: string }
  | { type: 'pong'; t: number };

export type { AttachmentDto };
