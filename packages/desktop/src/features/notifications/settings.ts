import { observable } from '../../state/external';

export interface NotifySettings {
  /** Browser Notification when the window is not focused. */
  desktop: boolean;
  /** WebAudio beep when the window is not focused. */
  sound: boolean;
  /** In-app toast when the window is focused. */
  toast: boolean;
}

const KEY = 'parley.notifications';
const DEFAULTS: NotifySettings = { desktop: true, sound: true, toast: true };

function load(): NotifySettings {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULTS;
    const v = JSON.parse(raw) as Partial<NotifySettings>;
    return { desktop: v.desktop !== false, sound: v.sound !== false, toast: v.toast !== false };
  } catch {
    return DEFAULTS;
  }
}

export const notifySettings = observable<NotifySettings>(load());
notifySettings.subscribe(() => localStorage.setItem(KEY, JSON.stringify(notifySettings.get())));
