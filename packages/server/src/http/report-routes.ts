import type { FastifyInstance } from 'fastify';
import { DailyReport, DailyReportQuery } from '@parley/protocol/api';
import type { Db } from '@parley/storage';
import type { Parley } from '../app/parley';
import { dailyReportCsv } from '../app/reports/csv';
import { readDailyReport } from '../app/reports/read-daily';
import { requireAgent } from './auth';

/** The day's figures (docs/api.md, "Reports"): supervisors and admins; agents get 403. */
export function reportRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'sessions'>, db: Db): void {
  const onRequest = requireAgent(parley.sessions, ['supervisor', 'admin']);
  const tags = ['reports'];
  const read = (q: DailyReportQuery) => readDailyReport(db.kysely, parley.core.directory, q.date, q.tz);

  app.get<{ Querystring: DailyReportQuery }>(
    '/api/reports/daily',
    { onRequest, schema: { tags, querystring: DailyReportQuery, response: { 200: DailyReport } } },
    async (req) => read(req.query),
  );
  app.get<{ Querystring: DailyReportQuery }>(
    '/api/reports/daily.csv',
    { onRequest, schema: { tags, querystring: DailyReportQuery } },
    async (req, reply) => {
      const report = await read(req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="parley-${report.date}.csv"`)
        .send(dailyReportCsv(report));
    },
  );
}
