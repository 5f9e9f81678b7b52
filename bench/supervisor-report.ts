/** The supervisor bench's rows in the report, and what makes the run fail (p99 event → screen ≥ 1 s). */
import { fmt, fmtMs } from './lib';
import type { SupervisorRun } from './supervisor';
import type { Latencies } from './supervisor-live';

export const SCREEN_P99_TARGET_MS = 1000;

const l = (x: Latencies) => `p50 ${fmtMs(x.p50)} / p95 ${fmtMs(x.p95)} / p99 ${fmtMs(x.p99)} ms`;
const ratio = (a: number, b: number) => (b > 0 ? fmt(a / b, 1) + '×' : '–');

export function supervisorRows(runs: SupervisorRun[]): string[][] {
  const rows: string[][] = [];
  const empty = runs.find((r) => r.floor === 'empty floor' && r.live);
  for (const r of runs) {
    const L = `Parley ${r.label}, ${r.floor}`;
    if (r.start && r.floor !== 'empty floor') {
      rows.push([
        `${L}: restart until answering`,
        `${fmt(r.start.seededStartMs)} ms`,
        `${fmt(r.start.emptyStartMs)} ms (first start, nothing open)`,
        ratio(r.start.seededStartMs, r.start.emptyStartMs),
        `restored ${Object.entries(r.start.summary.conversations).map(([s, n]) => `${fmt(n)} ${s}`).join(', ')}; agents ${Object.entries(r.start.summary.agents).map(([s, n]) => `${fmt(n)} ${s}`).join(', ')}`,
      ]);
    }
    const v = r.live;
    if (!v) continue;
    const pass = r.floor === 'empty floor' ? 'baseline' : v.screen.p99 < SCREEN_P99_TARGET_MS && v.missedScreen === 0 ? 'PASS' : 'FAIL';
    rows.push([
      `${L}: event → supervisor screen`,
      l(v.screen),
      `${l(v.agentSocket)} (acting agent's own socket)`,
      ratio(v.screen.p99, v.agentSocket.p99) + ' p99',
      `p99 < ${SCREEN_P99_TARGET_MS} ms: ${pass}; ${fmt(v.measured)} measured of ${fmt(v.events)} events at ${fmt(v.rateSent, 1)}/s (${Object.entries(v.perKind).map(([k, n]) => `${k} ${n}`).join(', ')}); missed ${v.missedScreen}`,
    ]);
    rows.push([
      `${L}: event → supervisor socket frame`,
      l(v.supervisorSocket),
      `${l(v.answered)} (command answered)`,
      ratio(v.supervisorSocket.p99, v.answered.p99) + ' p99',
      `machine load ${fmt(v.loadAvg, 1)} (1-min average, 2 cores); `+`browser share of p99: ${fmtMs(v.screen.p99 - v.supervisorSocket.p99)} ms; ${fmt(v.framesPerSec, 1)} frames/s, ${fmt(v.kbPerSec, 1)} KB/s; snapshot ${fmt(v.snapshotKb)} KB; server CPU ${fmt(v.serverCpuUsPerEvent)} µs/event`,
    ]);
    if (empty?.live && r !== empty && r.label === empty.label) {
      rows.push([`${L}: screen p99 vs the empty floor`, `${fmtMs(v.screen.p99)} ms`, `${fmtMs(empty.live.screen.p99)} ms (empty floor, same events)`, ratio(v.screen.p99, empty.live.screen.p99), '']);
    }
  }
  return rows;
}

/** Why the supervisor bench fails (non-zero exit): an error, a missed event, or p99 event → screen ≥ 1 s. */
export function supervisorFailures(runs: SupervisorRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const L = `supervisor ${r.label}, ${r.floor}`;
    if (r.error) out.push(`${L}: ${r.error}`);
    const v = r.live;
    // The empty floor is the baseline: only the seeded floor has to meet the target.
    if (!v || r.floor === 'empty floor') continue;
    if (v.screen.p99 >= SCREEN_P99_TARGET_MS) out.push(`${L}: event → screen p99 ${fmtMs(v.screen.p99)} ms ≥ ${SCREEN_P99_TARGET_MS} ms`);
    if (v.missedScreen || v.missedSocket) out.push(`${L}: ${v.missedScreen} events never on the screen, ${v.missedSocket} never in a supervisor frame`);
    if (v.measured === 0) out.push(`${L}: no event measured`);
    for (const f of v.failures) out.push(`${L}: ${f}`);
  }
  return out;
}
