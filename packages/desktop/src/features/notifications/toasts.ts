import { observable } from '../../state/external';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  conversationId?: string;
}

export const toasts = observable<Toast[]>([]);
let next = 1;
const TTL_MS = 5000;

export function dismissToast(id: number): void {
  toasts.set((list) => list.filter((t) => t.id !== id));
}

export function pushToast(text: string, kind: Toast['kind'] = 'info', conversationId?: string): void {
  const id = next++;
  toasts.set((list) => [...list.slice(-3), { id, text, kind, conversationId }]);
  setTimeout(() => dismissToast(id), TTL_MS);
}
