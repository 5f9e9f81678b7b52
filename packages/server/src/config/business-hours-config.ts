import { Type } from '@sinclair/typebox';
import { businessHoursProblems, WEEKDAYS } from '@parley/core';
import { textLength, type BusinessHours, type ChannelRules } from '@parley/protocol';

/**
 * A queue's `hours` in the config file and the admin API (BusinessHours in @parley/protocol). The
 * shape is checked here; zone, times, dates and message by businessHoursProblems (@parley/core),
 * whose messages name the field.
 */
export const BusinessHoursConfig = Type.Object(
  {
    timezone: Type.String({ minLength: 1, maxLength: 64 }),
    open: Type.Array(
      Type.Object(
        {
          day: Type.Union(WEEKDAYS.map((d) => Type.Literal(d))),
          from: Type.String({ maxLength: 5 }),
          to: Type.String({ maxLength: 5 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 70 },
    ),
    closedDates: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 1000 })),
    closedMessage: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);

/**
 * A queue's hours as the admin API saves them: businessHoursProblems, and a closed message the
 * queue's channel can carry in one message (it goes out as written).
 */
export function queueHoursProblems(hours: BusinessHours, rules: ChannelRules): string[] {
  const problems = businessHoursProblems(hours);
  if (textLength(hours.closedMessage, rules) > rules.maxMessageLength) {
    problems.push(`hours.closedMessage: at most ${rules.maxMessageLength} characters on ${rules.channel}`);
  }
  return problems;
}
