/** One WhatsApp number's Cloud API settings (from configuration; the token is a secret). */
export interface WhatsAppConfig {
  /** Default `https://graph.facebook.com`; tests point it at a local fake. */
  graphBaseUrl?: string;
  /** Graph API version, e.g. `v23.0` (kept in configuration: Meta retires versions). */
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
}
