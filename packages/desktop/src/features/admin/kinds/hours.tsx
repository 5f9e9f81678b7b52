import { useMemo } from 'react';
import type { Translate } from '../../i18n/i18n';
import { CheckboxField, SelectField, TextField, type Errors } from '../fields';
import { DAYS, type Day, type QueueHours } from '../types';

const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function zones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes('UTC') ? all : ['UTC', ...all];
}

export const defaultHours = (): QueueHours => ({
  timezone: browserZone(),
  open: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day: day as Day, from: '09:00', to: '17:00' })),
  closedDates: [],
  closedMessage: '',
});

/** Problems of a queue's business hours, keyed `hours.<field>` (ranges by their index in `open`). */
export function hoursProblems(t: Translate, h: QueueHours): Errors {
  const e: Errors = {};
  if (!zones().includes(h.timezone)) e['hours.timezone'] = t('admin.err.timezone');
  if (!h.open.length) e['hours.open'] = t('admin.err.noRanges');
  h.open.forEach((r, i) => {
    if (!TIME.test(r.from) || !TIME.test(r.to) || r.from === '24:00') e[`hours.open.${i}`] = t('admin.err.time');
    else if (r.from >= r.to) e[`hours.open.${i}`] = t('admin.err.rangeOrder');
  });
  (h.closedDates ?? []).forEach((d, i) => {
    if (!DATE.test(d) || Number.isNaN(Date.parse(d))) e[`hours.closedDates.${i}`] = t('admin.err.date');
  });
  if (!h.closedMessage.trim()) e['hours.closedMessage'] = t('admin.err.closedMessage');
  return e;
}

/** Business hours of a queue: time zone, weekly opening ranges, closed dates and the out-of-hours message. */
export function HoursEditor({ hours, onChange, errors, t }: { hours: QueueHours | undefined; onChange: (h: QueueHours | undefined) => void; errors: Errors; t: Translate }) {
  const zoneOptions = useMemo(() => zones().map((z) => ({ value: z, label: z })), []);
  const on = hours !== undefined;
  const h = hours ?? defaultHours();
  const set = (patch: Partial<QueueHours>) => onChange({ ...h, ...patch });
  const setRange = (i: number, patch: Partial<QueueHours['open'][number]>) => set({ open: h.open.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const dates = h.closedDates ?? [];
  return (
    <fieldset className="admin-section">
      <legend>{t('admin.hours.title')}</legend>
      <CheckboxField name="hours.on" label={t('admin.hours.on')} checked={on} onChange={(v) => onChange(v ? defaultHours() : undefined)} hint={on ? undefined : t('admin.hours.alwaysOpen')} />
      {on ? (
        <>
          <SelectField name="hours.timezone" label={t('admin.hours.timezone')} value={h.timezone} onChange={(timezone) => set({ timezone })} options={zoneOptions} error={errors['hours.timezone']} />
          <fieldset className="hours-week">
            <legend>{t('admin.hours.weekly')}</legend>
            {errors['hours.open'] ? <p className="error-text">{errors['hours.open']}</p> : null}
            {DAYS.map((day) => (
              <fieldset key={day} className="hours-day">
                <legend className="hours-day-name">{t(`admin.day.${day}`)}</legend>
                {h.open.map((r, i) =>
                  r.day !== day ? null : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a range has no identity but its place
                    <div key={i} className="hours-range">
                      <TextField name={`hours.open.${i}.from`} label={t('admin.hours.from')} value={r.from} onChange={(from) => setRange(i, { from })} error={errors[`hours.open.${i}`]} hint="HH:MM" />
                      <TextField name={`hours.open.${i}.to`} label={t('admin.hours.to')} value={r.to} onChange={(to) => setRange(i, { to })} />
                      <button type="button" className="btn btn-small" onClick={() => set({ open: h.open.filter((_, j) => j !== i) })}>
                        {t('admin.hours.removeRange', { day: t(`admin.day.${day}`) })}
                      </button>
                    </div>
                  ),
                )}
                <button type="button" className="btn btn-small" onClick={() => set({ open: [...h.open, { day, from: '09:00', to: '17:00' }] })}>
                  {t('admin.hours.addRange', { day: t(`admin.day.${day}`) })}
                </button>
              </fieldset>
            ))}
          </fieldset>
          <fieldset className="hours-dates">
            <legend className="hours-day-name">{t('admin.hours.closedDates')}</legend>
            {dates.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a date being typed has no identity but its place
              <div key={i} className="hours-range">
                <TextField name={`hours.closedDates.${i}`} label={t('admin.hours.closedDate')} value={d} onChange={(v) => set({ closedDates: dates.map((x, j) => (j === i ? v : x)) })} error={errors[`hours.closedDates.${i}`]} hint="YYYY-MM-DD" />
                <button type="button" className="btn btn-small" onClick={() => set({ closedDates: dates.filter((_, j) => j !== i) })}>
                  {t('admin.hours.removeDate')}
                </button>
              </div>
            ))}
            <button type="button" className="btn btn-small" onClick={() => set({ closedDates: [...dates, ''] })}>
              {t('admin.hours.addDate')}
            </button>
          </fieldset>
          <TextField name="hours.closedMessage" label={t('admin.hours.closedMessage')} value={h.closedMessage} onChange={(closedMessage) => set({ closedMessage })} error={errors['hours.closedMessage']} multiline required hint={t('admin.hours.closedMessageHint')} />
        </>
      ) : null}
    </fieldset>
  );
}
