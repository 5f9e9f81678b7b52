import type { FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

type Directives = Record<string, string[]>;
type RouteHelmet = Omit<FastifyHelmetOptions, 'global'>;

/**
 * The Agent Desktop's policy, and every API answer's: only our own scripts, styles, images, API
 * and WebSockets ('self' covers ws: of the same host); no plugins, no <base>, never framed.
 * No `upgrade-insecure-requests`: it would break a Desktop served over plain HTTP on a LAN address.
 * img-src has `https:` for the email frames only: a srcdoc frame inherits this policy on top of its own,
 * so an email's remote images (which the agent allowed for that email) could not load otherwise.
 */
const APP_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'media-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const HELMET: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: APP_DIRECTIVES },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // HSTS pins a host to HTTPS for a year; that is the TLS-terminating proxy's decision, not ours.
  strictTransportSecurity: false,
};

/**
 * The web chat demo page stands for a customer's site: its own inline <style> and style
 * attributes, and the widget's <style> in its shadow root. Still no inline script.
 */
export const DEMO_PAGE_HELMET: RouteHelmet = {
  contentSecurityPolicy: { useDefaults: false, directives: { ...APP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] } },
};

/** The widget script is loaded by other sites' pages (a no-cors request: CORP must allow it). */
export const CROSS_SITE_SCRIPT_HELMET: RouteHelmet = {
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * Attachments: shown as <img> by the widget on other sites, opened in a tab by the Desktop.
 * Never HTML (upload refuses it, nosniff), so the policy only has to let Chromium's image and PDF
 * viewers render the file itself; its PDF viewer is a plugin, hence object-src 'self'.
 */
export const ATTACHMENT_HELMET: RouteHelmet = {
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'img-src': ["'self'"],
      'media-src': ["'self'"],
      'object-src': ["'self'"],
      'style-src': ["'unsafe-inline'"],
      'frame-ancestors': ["'none'"],
    },
  },
};

/** Swagger UI at /docs (its own policy, set by @fastify/swagger-ui on its routes): inline styles, data: icons. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Headers for answers written before any hook runs (bad URL, raw client errors) and for the
 * separate metrics listener: nothing there is a page, so nothing may load or frame it.
 */
export const BASELINE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Security headers on every answer of `app` (pages, API, errors, 404s). Register before the routes. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, HELMET);
}
