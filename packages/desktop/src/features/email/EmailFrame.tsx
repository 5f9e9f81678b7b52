import { useMemo } from 'react';
import { EMAIL_SANDBOX, emailSrcdoc } from './frame';

/**
 * An email's sanitized HTML in a sandboxed frame (no scripts), under a strict CSP; `remoteImages`
 * (the agent's choice for this email) lets its https images load.
 */
export function EmailFrame({ html, title, origin, remoteImages }: { html: string; title: string; origin: string; remoteImages: boolean }) {
  const srcDoc = useMemo(() => emailSrcdoc(html, origin, remoteImages), [html, origin, remoteImages]);
  return <iframe className="email-frame" title={title} sandbox={EMAIL_SANDBOX} srcDoc={srcDoc} referrerPolicy="no-referrer" />;
}
