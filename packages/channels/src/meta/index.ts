/** Shared by WhatsApp and Messenger: Meta's webhook signature and handshake, Graph errors and URLs. */
export * from './graph-error';
export * from './graph-error-codes';
export * from './graph-url';
export * from './handshake';
export * from './signature';
