import type { supervisorEn } from './supervisor.en';

/** supervisor 区域的简体中文文本。 */
export const supervisorZhCN: Record<keyof typeof supervisorEn, string> = {
  'sup.title': '主管视图',
};
