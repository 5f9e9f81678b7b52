/** English strings of the supervisor area (keys prefixed `sup.`). */
export const supervisorEn = {
  'sup.title': 'Supervisor',
} as const;
