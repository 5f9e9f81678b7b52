import { h } from './dom';
import type { Strings } from './i18n';
import type { Profile } from './storage';

// Deliberately loose: the server validates for real; this catches typos like "a@b" or spaces.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export interface Prechat {
  el: HTMLElement;
  focus(): void;
  setBusy(busy: boolean): void;
  fill(p: Profile | null): void;
}

function field(id: string, label: string, type: string, autocomplete: string) {
  const input = h('input', { id, name: id, type, autocomplete, 'aria-describedby': `${id}-err`, required: true });
  const err = h('div', { id: `${id}-err`, class: 'err' });
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input, err);
  const setError = (msg: string) => {
    err.textContent = msg;
    if (msg) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  return { wrap, input, setError };
}

export function createPrechat(t: Strings, onStart: (p: Profile) => void): Prechat {
  const name = field('pw-name', t('name'), 'text', 'name');
  const email = field('pw-email', t('email'), 'email', 'email');
  const button = h('button', { type: 'submit', class: 'primary wide' }, t('startChat'));
  const validate = (): Profile | null => {
    const p = { name: name.input.value.trim(), email: email.input.value.trim() };
    name.setError(p.name ? '' : t('nameRequired'));
    email.setError(!p.email ? t('emailRequired') : EMAIL.test(p.email) ? '' : t('emailInvalid'));
    if (!p.name) name.input.focus();
    else if (email.input.hasAttribute('aria-invalid')) email.input.focus();
    else return p;
    return null;
  };
  // novalidate: the browser's own bubbles are unstyled, untranslated and invisible to our layout.
  const form = h(
    'form',
    { class: 'prechat', novalidate: true },
    h('p', {}, t('intro')),
    name.wrap,
    email.wrap,
    button,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = validate();
    if (p) onStart(p);
  });
  // Clear a field's error as soon as the customer fixes it.
  name.input.addEventListener('input', () => name.input.value.trim() && name.setError(''));
  email.input.addEventListener('input', () => EMAIL.test(email.input.value.trim()) && email.setError(''));
  return {
    el: form,
    focus: () => name.input.focus(),
    setBusy(busy) {
      button.disabled = busy;
      button.textContent = busy ? t('starting') : t('startChat');
    },
    fill(p) {
      name.input.value = p?.name ?? '';
      email.input.value = p?.email ?? '';
      name.setError('');
      email.setError('');
    },
  };
}
