import type { adminEn } from './admin.en';

/** admin 区域的简体中文文本。 */
export const adminZhCN: Record<keyof typeof adminEn, string> = {
  'admin.title': '管理',
};
