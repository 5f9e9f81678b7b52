/** English strings of the admin area (keys prefixed `admin.`). */
export const adminEn = {
  'admin.title': 'Admin',
} as const;
