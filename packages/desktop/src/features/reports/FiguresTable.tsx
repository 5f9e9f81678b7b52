import type { ReportFigures, WrapupCount } from '@parley/protocol';
import type { MessageKey } from '../i18n/en';
import { reasonLabel, useT, type Lang } from '../i18n/i18n';
import { durationParts } from './dates';

const COUNTS = ['offered', 'accepted', 'abandoned', 'transferred', 'rona'] as const;
const TIMES = [
  ['waitAvgMs', 'reports.col.waitAvg'],
  ['waitP90Ms', 'reports.col.waitP90'],
  ['handleAvgMs', 'reports.col.handleAvg'],
  ['handleP90Ms', 'reports.col.handleP90'],
] as const;

function formatDuration(t: ReturnType<typeof useT>, ms: number): string {
  const d = durationParts(ms);
  if (d.unit === 'seconds') return t('reports.durSeconds', { s: d.s });
  if (d.unit === 'minutes') return t('reports.durMinutes', { m: d.m, s: d.s });
  return t('reports.durHours', { h: d.h, m: d.m });
}

export interface FiguresRow {
  key: string;
  name: string;
  channel?: string;
  figures: ReportFigures;
}

/** One row per queue or channel, the day's total in the footer; times as m:ss. */
export function FiguresTable({ caption, rows, total, withChannel = false }: { caption: string; rows: FiguresRow[]; total: ReportFigures; withChannel?: boolean }) {
  const t = useT();
  const cells = (f: ReportFigures) => (
    <>
      {COUNTS.map((k) => (
        <td key={k} className="num">
          {f[k]}
        </td>
      ))}
      {TIMES.map(([k]) => (
        <td key={k} className="num">
          {f[k] === null ? (
            <>
              <span aria-hidden="true">–</span>
              <span className="sr-only">{t('reports.none')}</span>
            </>
          ) : (
            formatDuration(t, f[k])
          )}
        </td>
      ))}
    </>
  );
  return (
    <div className="reports-table-wrap">
      <table className="reports-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(withChannel ? 'reports.col.queue' : 'reports.col.channel')}</th>
            {withChannel && <th scope="col">{t('reports.col.channel')}</th>}
            {COUNTS.map((k) => (
              <th key={k} scope="col" className="num">
                {t(`reports.col.${k}` as MessageKey)}
              </th>
            ))}
            {TIMES.map(([k, label]) => (
              <th key={k} scope="col" className="num">
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {withChannel && <td>{r.channel}</td>}
              {cells(r.figures)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            {withChannel && <td />}
            {cells(total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function WrapupTable({ caption, wrapups, lang }: { caption: string; wrapups: WrapupCount[]; lang: Lang }) {
  const t = useT();
  return (
    <div className="reports-table-wrap">
      <table className="reports-table reports-table-narrow">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.reason')}</th>
            <th scope="col" className="num">
              {t('reports.col.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {wrapups.map((w) => (
            <tr key={w.reasonId}>
              <th scope="row">{reasonLabel(lang, { label: w.name, labelZh: w.nameZh })}</th>
              <td className="num">{w.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
