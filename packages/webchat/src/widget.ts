import { App } from './app';
import { pickLang } from './i18n';

/**
 * Embed: <script src="https://parley.example/webchat/widget.js" data-site="web" async></script>
 * The server origin comes from the script's own URL, so the tag works on any site.
 */
(() => {
  const script = (document.currentScript ??
    document.querySelector('script[src*="/webchat/widget.js"]')) as HTMLScriptElement | null;
  if (!script?.src) return;
  const d = script.dataset;
  const cfg = {
    origin: new URL(script.src, location.href).origin,
    site: d.site || 'web',
    lang: pickLang(d.lang, navigator.languages ?? [navigator.language]),
    open: d.open === 'true',
  };
  // Pasting the tag twice must not give two launchers.
  const flags = window as unknown as Record<string, boolean>;
  const flag = `__parleyWebchat_${cfg.site}`;
  if (flags[flag]) return;
  flags[flag] = true;

  const mount = () => {
    const host = document.createElement('div');
    host.setAttribute('data-parley-webchat', cfg.site);
    document.body.appendChild(host);
    new App(cfg, host.attachShadow({ mode: 'open' }));
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
