/** All widget CSS; it lives in the shadow root, so host-page styles neither leak in nor out. */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.root{--pc:#1d4ed8;--pc2:#1e40af;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:#111827}
button,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
button:disabled{cursor:default;opacity:.55}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:58px;height:58px;border-radius:50%;border:0;background:var(--pc);color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25);display:grid;place-items:center}
.launcher:hover{background:var(--pc2)}
.launcher svg{width:28px;height:28px}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b91c1c;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center}
.panel{position:fixed;right:20px;bottom:20px;z-index:2147483001;width:380px;height:min(620px,calc(100vh - 40px));display:flex;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.28);overflow:hidden}
@media (prefers-reduced-motion:no-preference){.panel{animation:pop .16s ease-out}}
@keyframes pop{from{opacity:0;transform:translateY(10px)}}
.head{display:flex;align-items:center;gap:8px;padding:10px 8px 10px 16px;background:var(--pc);color:#fff}
.head .t{flex:1;min-width:0}
.head h2{margin:0;font-size:16px;font-weight:600}
.sub{font-size:12px;color:#dbeafe;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.iconbtn{background:transparent;border:0;color:inherit;width:36px;height:36px;border-radius:8px;display:grid;place-items:center;flex:none}
.head .iconbtn:hover{background:rgba(255,255,255,.16)}
.ghost{background:transparent;color:#fff;border:1px solid #bfdbfe;border-radius:8px;padding:4px 10px;font-size:13px;flex:none}
.ghost:hover{background:rgba(255,255,255,.16)}
.body{flex:1;min-height:0;display:flex;flex-direction:column}
.prechat{padding:20px 16px;overflow:auto}
.prechat p{margin:0 0 16px;color:#374151}
.field{margin-bottom:14px}
label{display:block;font-weight:600;margin-bottom:4px}
input,textarea{width:100%;border:1px solid #6b7280;border-radius:8px;padding:9px 10px;background:#fff}
[aria-invalid=true]{border-color:#b91c1c;box-shadow:0 0 0 1px #b91c1c}
.err{color:#b91c1c;font-size:13px;margin-top:4px}
.primary{background:var(--pc);color:#fff;border:0;border-radius:8px;padding:10px 16px;font-weight:600}
.primary:hover:not(:disabled){background:var(--pc2)}
.wide{width:100%}
.second{background:#fff;color:#1f2937;border:1px solid #6b7280;border-radius:8px;padding:6px 12px}
.log{flex:1;min-height:0;overflow-y:auto;padding:14px 12px;display:flex;flex-direction:column;gap:10px;background:#f9fafb}
.msg{max-width:82%;display:flex;flex-direction:column}
.own{align-self:flex-end;align-items:flex-end}
.agent{align-self:flex-start;align-items:flex-start}
.who{font-size:12px;color:#4b5563;margin:0 4px 2px}
.bubble{padding:8px 12px;border-radius:16px;white-space:pre-wrap;overflow-wrap:anywhere}
.bubble p,.bubble ul,.bubble ol,.bubble pre{margin:0}.bubble *+p,.bubble *+ul,.bubble *+ol,.bubble *+pre{margin-top:.4em}.bubble ul,.bubble ol{padding-left:1.3em}.bubble pre{white-space:pre-wrap}.bubble code{font-family:ui-monospace,monospace;font-size:.92em}
.own .bubble{background:var(--pc);color:#fff;border-bottom-right-radius:4px}
.agent .bubble{background:#e5e7eb;border-bottom-left-radius:4px}
.own .bubble a{color:#fff}
.own .media,.agent .media{background:transparent;padding:0}
.own .media a{color:#1d4ed8}
.thumb{border:1px solid #d1d5db}
.sending .bubble{opacity:.75}
.failed .bubble{background:#fee2e2;color:#7f1d1d}
.meta{font-size:11px;color:#4b5563;margin:2px 4px 0}
.meta.bad{color:#b91c1c}
.link{background:none;border:0;padding:0;color:#1d4ed8;text-decoration:underline;font-size:inherit}
.notice{align-self:center;text-align:center;font-size:12px;color:#374151;background:#e8edf5;border-radius:10px;padding:4px 12px;max-width:90%}
.thumb{display:block;max-width:220px;max-height:220px;border-radius:10px;background:#fff}
.att{display:block;margin-top:4px}
.att:first-child{margin-top:0}
.bar{font-size:12px;padding:4px 12px;text-align:center}
.conn{background:#fef3c7;color:#78350f}
.typing{min-height:22px;font-size:12px;color:#4b5563;padding:3px 14px;background:#f9fafb;font-style:italic}
.alert{display:flex;gap:8px;align-items:flex-start;background:#fee2e2;color:#7f1d1d;font-size:13px;padding:8px 6px 8px 12px}
.alert span{flex:1}
.alert .iconbtn{width:28px;height:28px;color:#7f1d1d}
.confirm{display:flex;align-items:center;flex-wrap:wrap;gap:8px;padding:10px 12px;background:#fff7ed;border-top:1px solid #fed7aa}
.confirm span{flex:1;font-weight:600}
.composer{border-top:1px solid #e5e7eb;padding:8px 10px 10px;background:#fff}
.row{display:flex;gap:6px;align-items:flex-end}
textarea{resize:none;height:42px;max-height:140px;padding:10px}
.composer .iconbtn{color:#374151;width:42px;height:42px}
.composer .iconbtn:hover:not(:disabled){background:#f3f4f6}
.composer .send{background:var(--pc);color:#fff}
.composer .send:hover:not(:disabled){background:var(--pc2)}
.counter{font-size:12px;color:#4b5563;text-align:right;margin-top:2px}
.counter.over{color:#b91c1c;font-weight:600}
.up{display:flex;align-items:center;gap:8px;font-size:12px;color:#374151;margin-bottom:6px}
.up progress{flex:1;height:8px}
.ended{padding:16px;text-align:center;border-top:1px solid #e5e7eb;background:#fff}
.ended p{margin:0 0 10px;font-weight:600}
@media (max-width:480px){
.panel{inset:0;width:100%;height:100%;border-radius:0}
.launcher{right:14px;bottom:14px}
input,textarea{font-size:16px}
.msg{max-width:88%}
}
`;
