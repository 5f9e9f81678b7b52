/**
 * The remote image URLs an email may load once the agent allows it: `https:` only, parsed and
 * re-serialized by the URL parser (so no quote, space or control character survives), with a host and
 * no credentials. Plain `http:` images are never offered: they would go out in clear text, telling
 * anyone on the network which agent opened which (tracked) email, and an HTTPS Desktop would block
 * them as mixed content anyway.
 */
export function remoteImageUrl(src: string): string | null {
  let url: URL;
  try {
    url = new URL(src.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}
