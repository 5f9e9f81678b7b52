/** One Facebook Page's Send API settings (from configuration; the page token is a secret). */
export interface MessengerConfig {
  /** Default `https://graph.facebook.com`; tests point it at a local fake. */
  graphBaseUrl?: string;
  /** Graph API version, e.g. `v23.0`. */
  apiVersion: string;
  pageId: string;
  pageAccessToken: string;
}
