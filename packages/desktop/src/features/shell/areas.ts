import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '@parley/protocol';
import type { MessageKey } from '../i18n/en';

/** A part of the web app besides the Desk, shown to the roles that may use it (the server checks too). */
export interface Area {
  id: 'supervisor' | 'reports' | 'admin';
  /** Hash path the area lives under (`#/supervisor…`). */
  path: string;
  label: MessageKey;
  roles: readonly Role[];
  Component: LazyExoticComponent<ComponentType>;
}

export const AREAS: readonly Area[] = [
  { id: 'supervisor', path: '/supervisor', label: 'nav.supervisor', roles: ['supervisor', 'admin'], Component: lazy(() => import('../supervisor/SupervisorArea')) },
  { id: 'reports', path: '/reports', label: 'nav.reports', roles: ['supervisor', 'admin'], Component: lazy(() => import('../reports/ReportsArea')) },
  { id: 'admin', path: '/admin', label: 'nav.admin', roles: ['admin'], Component: lazy(() => import('../admin/AdminArea')) },
];

export function areasFor(role: Role | undefined): Area[] {
  return role ? AREAS.filter((a) => a.roles.includes(role)) : [];
}

/** The area a hash location is in; null for the Desk (or an area this role may not use). */
export function areaAt(location: string, role: Role | undefined): Area | null {
  return areasFor(role).find((a) => location === a.path || location.startsWith(`${a.path}/`)) ?? null;
}
