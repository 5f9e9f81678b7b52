/** English strings of the reports area (keys prefixed `reports.`). */
export const reportsEn = {
  'reports.title': 'Reports',
} as const;
