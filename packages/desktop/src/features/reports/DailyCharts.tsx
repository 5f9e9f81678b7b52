import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { DailyReport } from '@parley/protocol';
import { useT } from '../i18n/i18n';

/**
 * Two simple bar charts of the queue table's figures. Each is one image with an accessible name
 * (the same numbers are in the table under it), so no chart needs pointer or keyboard exploring.
 */
export function DailyCharts({ report }: { report: DailyReport }) {
  const t = useT();
  const data = report.queues.map((q) => ({
    name: q.queueName,
    offered: q.offered,
    accepted: q.accepted,
    abandoned: q.abandoned,
    waitP90: q.waitP90Ms === null ? 0 : Math.round(q.waitP90Ms / 100) / 10,
  }));
  const volume = t('reports.chartVolume', { date: report.date });
  const wait = t('reports.chartWait', { date: report.date });
  return (
    <div className="reports-charts">
      <figure className="reports-chart">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} accessibilityLayer={false} role="img" aria-label={volume}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} />
            <YAxis allowDecimals={false} width={40} />
            <Legend itemSorter={null} />
            <Bar dataKey="offered" name={t('reports.col.offered')} fill="#1d5fd6" isAnimationActive={false} />
            <Bar dataKey="accepted" name={t('reports.col.accepted')} fill="#15803d" isAnimationActive={false} />
            <Bar dataKey="abandoned" name={t('reports.col.abandoned')} fill="#b42318" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <figcaption>{volume}</figcaption>
      </figure>
      <figure className="reports-chart">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} accessibilityLayer={false} role="img" aria-label={wait}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} />
            <YAxis width={40} />
            <Legend itemSorter={null} />
            <Bar dataKey="waitP90" name={t('reports.waitSeconds')} fill="#b45309" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <figcaption>{wait}</figcaption>
      </figure>
    </div>
  );
}
