import { h, icon, ICONS } from './dom';
import type { Lang, Strings } from './i18n';
import { CSS } from './styles';

/** The static frame of the widget: launcher, panel, header and the bars around the thread. */
export interface Shell {
  launcher: HTMLButtonElement;
  badge: HTMLElement;
  panel: HTMLElement;
  sub: HTMLElement;
  endBtn: HTMLButtonElement;
  minBtn: HTMLButtonElement;
  alert: HTMLElement;
  alertText: HTMLElement;
  body: HTMLElement;
  conn: HTMLElement;
  typing: HTMLElement;
  confirm: HTMLElement;
  confirmYes: HTMLButtonElement;
  confirmNo: HTMLButtonElement;
  ended: HTMLElement;
  startNew: HTMLButtonElement;
}

export function createShell(root: ShadowRoot, t: Strings, lang: Lang): Shell {
  const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  const launcher = h(
    'button',
    { type: 'button', class: 'launcher', 'aria-label': t('openChat'), 'aria-expanded': 'false', 'aria-controls': 'pw-panel' },
    icon(ICONS.chat),
    badge,
  );
  const sub = h('div', { class: 'sub', id: 'pw-sub' });
  const endBtn = h('button', { type: 'button', class: 'ghost', hidden: true }, t('endChat'));
  const minBtn = h(
    'button',
    { type: 'button', class: 'iconbtn', 'aria-label': t('minimize'), title: t('minimize') },
    icon(ICONS.minimize),
  );
  const alertText = h('span', {});
  const alertClose = h('button', { type: 'button', class: 'iconbtn', 'aria-label': t('dismiss') }, '✕');
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true }, alertText, alertClose);
  alertClose.addEventListener('click', () => (alert.hidden = true));
  const conn = h('div', { class: 'bar conn', role: 'status', hidden: true });
  const typing = h('div', { class: 'typing', 'aria-live': 'polite' });
  const confirmYes = h('button', { type: 'button', class: 'primary' }, t('endYes'));
  const confirmNo = h('button', { type: 'button', class: 'second' }, t('cancel'));
  const confirm = h('div', { class: 'confirm', hidden: true }, h('span', {}, t('endConfirm')), confirmYes, confirmNo);
  const startNew = h('button', { type: 'button', class: 'primary' }, t('startNew'));
  const ended = h('div', { class: 'ended', hidden: true }, h('p', {}, t('chatEnded')), startNew);
  const body = h('div', { class: 'body' });
  const panel = h(
    'section',
    { id: 'pw-panel', class: 'panel', role: 'dialog', 'aria-labelledby': 'pw-title', 'aria-describedby': 'pw-sub', hidden: true },
    h('div', { class: 'head' }, h('div', { class: 't' }, h('h2', { id: 'pw-title' }, t('title')), sub), endBtn, minBtn),
    alert,
    conn,
    body,
  );
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style, h('div', { class: 'root', lang }, launcher, panel));
  return { launcher, badge, panel, sub, endBtn, minBtn, alert, alertText, body, conn, typing, confirm, confirmYes, confirmNo, ended, startNew };
}
