import { EMAIL_SANDBOX, emailSrcdoc } from './frame';

/** An email's sanitized HTML in a sandboxed frame (no scripts), under a strict CSP. */
export function EmailFrame({ html, title, origin }: { html: string; title: string; origin: string }) {
  return <iframe className="email-frame" title={title} sandbox={EMAIL_SANDBOX} srcDoc={emailSrcdoc(html, origin)} referrerPolicy="no-referrer" />;
}
