import { useEffect, useId, useMemo, useState } from 'react';
import type { ChannelType, DailyReport } from '@parley/protocol';
import { reportsApi } from '../../api/reports';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { DailyCharts } from './DailyCharts';
import { FiguresTable, WrapupTable } from './FiguresTable';
import { addDays, browserTimeZone, dayIn, isDay } from './dates';
import './reports.css';

type Load = { state: 'loading' } | { state: 'ready'; report: DailyReport } | { state: 'failed'; message: string };

/** The day's figures (supervisors and admins): a day picker, charts, tables and the CSV download. */
export default function ReportsArea() {
  const { t } = useI18n();
  const timeZone = useMemo(browserTimeZone, []);
  const today = dayIn(timeZone, Date.now());
  const [date, setDate] = useState(today);
  const [typed, setTyped] = useState(today);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [download, setDownload] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const dayId = useId();

  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    reportsApi.daily(date, timeZone).then(
      (report) => current && setLoad({ state: 'ready', report }),
      (err: Error) => current && setLoad({ state: 'failed', message: err.message }),
    );
    return () => {
      current = false;
    };
  }, [date, timeZone]);

  const go = (next: string) => {
    setTyped(next);
    if (isDay(next)) setDate(next);
  };
  const saveCsv = async () => {
    setDownload({ busy: true });
    try {
      await reportsApi.downloadDailyCsv(date, timeZone);
      setDownload({ busy: false });
    } catch (err) {
      setDownload({ busy: false, error: (err as Error).message });
    }
  };
  const channelName = (c: ChannelType) => t(`channel.${c}` as MessageKey);

  return (
    <div className="reports">
      <h1>{t('reports.dailyTitle')}</h1>
      <div className="reports-toolbar">
        <button type="button" className="btn" onClick={() => go(addDays(date, -1))}>
          {t('reports.previousDay')}
        </button>
        <label htmlFor={dayId}>{t('reports.day')}</label>
        <input
          id={dayId}
          type="date"
          value={typed}
          aria-invalid={!isDay(typed) || undefined}
          aria-describedby={isDay(typed) ? undefined : `${dayId}-error`}
          onChange={(e) => go(e.target.value)}
        />
        <button type="button" className="btn" onClick={() => go(addDays(date, 1))}>
          {t('reports.nextDay')}
        </button>
        <button type="button" className="btn" onClick={() => go(today)} disabled={date === today}>
          {t('reports.today')}
        </button>
        <span className="reports-zone">{t('reports.timeZone', { zone: timeZone })}</span>
        <button type="button" className="btn btn-primary" onClick={saveCsv} disabled={download.busy || load.state !== 'ready'}>
          {download.busy ? t('reports.downloading') : t('reports.download')}
        </button>
      </div>
      {!isDay(typed) && (
        <p id={`${dayId}-error`} className="reports-error">
          {t('reports.badDay')}
        </p>
      )}
      {download.error && (
        <p role="alert" className="reports-error">
          {t('reports.downloadFailed', { message: download.error })}
        </p>
      )}
      {load.state === 'loading' && <p role="status">{t('reports.loading')}</p>}
      {load.state === 'failed' && (
        <p role="alert" className="reports-error">
          {t('reports.loadFailed', { message: load.message })}
        </p>
      )}
      {load.state === 'ready' && <DayFigures report={load.report} channelName={channelName} />}
      <p className="reports-note">{t('reports.definitions')}</p>
    </div>
  );
}

function DayFigures({ report, channelName }: { report: DailyReport; channelName: (c: ChannelType) => string }) {
  const { t, lang } = useI18n();
  const date = report.date;
  return (
    <>
      <section aria-labelledby="reports-by-queue">
        <h2 id="reports-by-queue">{t('reports.byQueue')}</h2>
        {report.queues.length === 0 ? (
          <p>{t('reports.noQueues')}</p>
        ) : (
          <>
            <DailyCharts report={report} />
            <FiguresTable
              caption={t('reports.queueCaption', { date })}
              rows={report.queues.map((q) => ({ key: q.queueId, name: q.queueName, channel: channelName(q.channel), figures: q }))}
              total={report.total}
              withChannel
            />
          </>
        )}
      </section>
      <section aria-labelledby="reports-by-channel">
        <h2 id="reports-by-channel">{t('reports.byChannel')}</h2>
        <FiguresTable
          caption={t('reports.channelCaption', { date })}
          rows={report.channels.map((c) => ({ key: c.channel, name: channelName(c.channel), figures: c }))}
          total={report.total}
        />
      </section>
      <section aria-labelledby="reports-wrapups">
        <h2 id="reports-wrapups">{t('reports.wrapups')}</h2>
        {report.total.wrapups.length === 0 ? (
          <p>{t('reports.noReasons')}</p>
        ) : (
          <WrapupTable caption={t('reports.wrapupCaption', { date })} wrapups={report.total.wrapups} lang={lang} />
        )}
      </section>
    </>
  );
}
