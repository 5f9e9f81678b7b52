import type { reportsEn } from './reports.en';

/** reports 区域的简体中文文本。 */
export const reportsZhCN: Record<keyof typeof reportsEn, string> = {
  'reports.title': '报表',
};
