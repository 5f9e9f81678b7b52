import type { MessageKey } from '../i18n/en';

export interface Shortcut {
  keys: string;
  action: MessageKey;
}

/** Every flow can be done from the keyboard; `?` lists these. */
export const SHORTCUTS: Shortcut[] = [
  { keys: 'Alt+A', action: 'sc.accept' },
  { keys: 'Enter / Ctrl+Enter', action: 'sc.send' },
  { keys: 'Shift+Enter', action: 'sc.newline' },
  { keys: 'Alt+T', action: 'sc.transfer' },
  { keys: 'Alt+C', action: 'sc.conference' },
  { keys: 'Alt+E', action: 'sc.end' },
  { keys: 'Alt+W', action: 'sc.wrapup' },
  { keys: 'Alt+↓', action: 'sc.next' },
  { keys: 'Alt+↑', action: 'sc.prev' },
  { keys: 'Alt+P', action: 'sc.templates' },
  { keys: 'Alt+S', action: 'sc.state' },
  { keys: 'Alt+M', action: 'sc.composer' },
  { keys: 'Ctrl/⌘+B', action: 'sc.bold' },
  { keys: 'Ctrl/⌘+I', action: 'sc.italic' },
  { keys: 'Ctrl/⌘+Shift+X', action: 'sc.strike' },
  { keys: 'Ctrl/⌘+E', action: 'sc.code' },
  { keys: 'Ctrl/⌘+Shift+8 / 7', action: 'sc.lists' },
  { keys: 'Ctrl/⌘+K', action: 'sc.link' },
  { keys: '?', action: 'sc.help' },
  { keys: 'Esc', action: 'sc.close' },
];

/** Typing targets where `?` is a character, not a command. */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return el instanceof HTMLSelectElement;
}
