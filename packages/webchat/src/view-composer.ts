import { countChars, textProblem } from '@parley/protocol';
import { h, icon, ICONS } from './dom';
import type { Strings } from './i18n';

export interface ComposerHandlers {
  onSend(text: string): void;
  onFile(file: File): void;
  onInput(): void;
}

/** Show the counter once the text is within this fraction of the limit. */
const COUNTER_FROM = 0.8;

export class Composer {
  readonly el: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly counter: HTMLElement;
  private readonly error: HTMLElement;
  private readonly sendBtn: HTMLButtonElement;
  private readonly attachBtn: HTMLButtonElement;
  private readonly upBox: HTMLElement;
  private readonly upText: HTMLElement;
  private readonly upBar: HTMLProgressElement;
  private enabled = true;

  constructor(
    private readonly t: Strings,
    private max: number,
    private readonly on: ComposerHandlers,
  ) {
    this.textarea = h('textarea', {
      'aria-label': t('message'),
      placeholder: t('placeholder'),
      rows: 1,
      'aria-describedby': 'pw-count pw-over',
    });
    this.counter = h('div', { id: 'pw-count', class: 'counter', hidden: true });
    this.error = h('div', { id: 'pw-over', class: 'err', role: 'alert' });
    this.sendBtn = h('button', { type: 'button', class: 'iconbtn send', 'aria-label': t('send'), title: t('send') }, icon(ICONS.send));
    const file = h('input', { type: 'file', hidden: true, tabindex: -1, 'aria-hidden': 'true' });
    this.attachBtn = h(
      'button',
      { type: 'button', class: 'iconbtn', 'aria-label': t('attach'), title: t('attach'), onclick: () => file.click() },
      icon(ICONS.clip),
    );
    this.upText = h('span', {});
    this.upBar = h('progress', { max: 100, value: 0, 'aria-label': t('attach') });
    this.upBox = h('div', { class: 'up', role: 'status', hidden: true }, this.upText, this.upBar);

    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = ''; // so choosing the same file again still fires `change`
      if (f) this.on.onFile(f);
    });
    this.textarea.addEventListener('keydown', (e) => {
      // isComposing: Enter also confirms an IME candidate (Chinese input) and must not send then.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.textarea.addEventListener('input', () => {
      this.update();
      this.on.onInput();
    });
    this.sendBtn.addEventListener('click', () => this.submit());

    this.el = h(
      'div',
      { class: 'composer' },
      this.upBox,
      h('div', { class: 'row' }, this.attachBtn, this.textarea, this.sendBtn),
      this.counter,
      this.error,
      file,
    );
    this.update();
  }

  private submit(): void {
    const text = this.textarea.value.trim();
    if (!this.enabled || textProblem(text) || countChars(text) > this.max) return;
    this.on.onSend(text);
    this.textarea.value = '';
    this.update();
    this.textarea.focus();
  }

  /** Counter near the limit, error and disabled Send past it (SPEC F4), auto-growing height. */
  private update(): void {
    // Code points, as the server counts: 600 emoji are 600 characters, not 1200 UTF-16 units.
    const n = countChars(this.textarea.value);
    const over = n > this.max;
    this.counter.hidden = n < this.max * COUNTER_FROM;
    this.counter.textContent = this.t('counter', { count: n, max: this.max });
    this.counter.classList.toggle('over', over);
    const err = over ? this.t('tooLong', { over: n - this.max, max: this.max }) : '';
    // Rewriting identical text would make screen readers repeat the alert on every keystroke.
    if (this.error.textContent !== err) this.error.textContent = err;
    this.textarea.setAttribute('aria-invalid', String(over));
    // The server's own rule: nothing only invisible, nothing that isn't valid Unicode.
    this.sendBtn.disabled = !this.enabled || over || textProblem(this.textarea.value) !== null;
    const ta = this.textarea;
    ta.style.height = '';
    if (ta.value && ta.scrollHeight > ta.clientHeight) ta.style.height = `${Math.min(ta.scrollHeight + 2, 140)}px`;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.textarea.disabled = !enabled;
    this.attachBtn.disabled = !enabled;
    this.update();
  }

  /** Upload progress; `null` hides it. */
  progress(name: string | null, pct = 0): void {
    this.upBox.hidden = name === null;
    if (name === null) return;
    this.upText.textContent = this.t('uploading', { name, pct });
    this.upBar.value = pct;
  }

  focus(): void {
    this.textarea.focus();
  }

  get text(): string {
    return this.textarea.value;
  }

  /** The server's limit for this chat (from the snapshot). */
  setMax(max: number): void {
    this.max = max;
    this.update();
  }
}

