import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CHANNEL_TYPES } from './domain';

/**
 * The day's figures (GET /api/reports/daily, and .csv): per queue, per channel and in total, for
 * one calendar day in an IANA time zone. Counted from the report facts the server stores in the
 * same transaction as each routing change (never pruned), so a restart loses nothing.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Channel = Type.Union(CHANNEL_TYPES.map((c) => Type.Literal(c)));
const Count = Type.Integer({ minimum: 0 });
const Ms = (description: string) => Nullable(Type.Integer({ minimum: 0, description: `${description}; null when nothing was measured` }));

/** `date` a calendar day, `tz` an IANA zone (default: the server's). Checked again by the route (real day, known zone). */
export const DailyReportQuery = Type.Object(
  {
    date: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' }),
    tz: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris' })),
  },
  { additionalProperties: false },
);
export type DailyReportQuery = Static<typeof DailyReportQuery>;

export const WrapupCount = Type.Object(
  { reasonId: Type.String(), name: Type.String(), nameZh: Nullable(Type.String()), count: Count },
  { additionalProperties: false },
);
export type WrapupCount = Static<typeof WrapupCount>;

export const ReportFigures = Type.Object(
  {
    offered: Type.Integer({ minimum: 0, description: 'times a conversation joined a queue (new, reopened, transferred or overflowed in)' }),
    accepted: Type.Integer({ minimum: 0, description: 'offers from the queue accepted by an agent' }),
    abandoned: Type.Integer({ minimum: 0, description: 'customers who left (or whose chat lapsed) while waiting' }),
    transferred: Type.Integer({ minimum: 0, description: 'transfers out of the queue, by an agent or by overflow' }),
    rona: Type.Integer({ minimum: 0, description: 'offers not answered in time (redirect on no answer)' }),
    handled: Type.Integer({ minimum: 0, description: "owners' parts that ended (what handle time averages)" }),
    waitAvgMs: Ms('average wait, from joining the queue to an accept'),
    waitP90Ms: Ms('90th percentile wait (nearest rank)'),
    handleAvgMs: Ms("average handle time: an owner's accept to the end of their part, wrap-up excluded"),
    handleP90Ms: Ms('90th percentile handle time (nearest rank)'),
    wrapups: Type.Array(WrapupCount, { description: 'wrap-up reasons chosen, most used first' }),
  },
  { additionalProperties: false },
);
export type ReportFigures = Static<typeof ReportFigures>;

export const QueueReportRow = Type.Intersect([
  Type.Object({ queueId: Type.String(), queueName: Type.String(), channel: Channel }),
  ReportFigures,
]);
export type QueueReportRow = Static<typeof QueueReportRow>;

export const ChannelReportRow = Type.Intersect([Type.Object({ channel: Channel }), ReportFigures]);
export type ChannelReportRow = Static<typeof ChannelReportRow>;

export const DailyReport = Type.Object(
  {
    date: Type.String(),
    timeZone: Type.String(),
    /** The day's bounds in epoch ms: [from, to). 23 or 25 hours on a daylight-saving change. */
    from: Type.Integer(),
    to: Type.Integer(),
    queues: Type.Array(QueueReportRow),
    channels: Type.Array(ChannelReportRow),
    total: ReportFigures,
  },
  { additionalProperties: false },
);
export type DailyReport = Static<typeof DailyReport>;
