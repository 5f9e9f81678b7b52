import type { DailyReport } from '@parley/protocol';
import { ApiError, request, tokenStore } from './http';

const query = (date: string, timeZone: string) => `date=${encodeURIComponent(date)}&tz=${encodeURIComponent(timeZone)}`;

export const reportsApi = {
  daily: (date: string, timeZone: string) => request<DailyReport>('GET', `/api/reports/daily?${query(date, timeZone)}`),

  /** Fetches the day's CSV with the session's token (a plain link could not send it) and saves it as a file. */
  async downloadDailyCsv(date: string, timeZone: string): Promise<void> {
    const token = tokenStore.get();
    let res: Response;
    try {
      res = await fetch(`/api/reports/daily.csv?${query(date, timeZone)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError(0, 'NETWORK', 'No connection');
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
      throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
    }
    const url = URL.createObjectURL(await res.blob());
    try {
      const a = document.createElement('a');
      a.href = url;
      a.download = `parley-${date}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
    } finally {
      // After the click has handed the file over.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
  },
};
