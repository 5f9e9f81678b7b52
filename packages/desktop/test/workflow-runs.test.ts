import { describe, expect, it } from 'vitest';
import type { WorkflowRunDto } from '@parley/protocol';
import { mergeRuns, withWorkflowRun } from '../src/state/workflow-runs';
import { runStatusText, safeLink } from '../src/features/workflows/run-text';
import { translator } from '../src/features/i18n/translate';

const run = (over: Partial<WorkflowRunDto>): WorkflowRunDto => ({
  id: 'r1', workflowId: 'w', workflowName: 'W', conversationId: 'c1', agentId: 'a1', agentName: 'Agent One', status: 'running', attempts: 0,
  httpStatus: null, message: null, link: null, errorCode: null, reason: null, startedAt: 1000, finishedAt: null, durationMs: null, ...over,
});

describe('workflow runs in the Desktop', () => {
  it('a finished run never goes back to running when its start event is replayed', () => {
    const done = run({ status: 'succeeded', attempts: 1, finishedAt: 1200, durationMs: 200 });
    const s = withWorkflowRun(withWorkflowRun({}, run({})), done);
    expect(s.c1!.r1).toEqual(done);
    expect(withWorkflowRun(s, run({}))).toBe(s);
  });

  it('merges fetched and live runs, one per id, the finished one winning, newest first', () => {
    const older = run({ id: 'r0', startedAt: 500, status: 'failed', errorCode: 'timeout' });
    const fetchedRunning = run({});
    const live = { r1: run({ status: 'succeeded' }), r2: run({ id: 'r2', startedAt: 2000 }) };
    expect(mergeRuns([fetchedRunning, older], live).map((r) => [r.id, r.status])).toEqual([['r2', 'running'], ['r1', 'succeeded'], ['r0', 'failed']]);
    expect(mergeRuns([run({ status: 'failed' })], { r1: run({}) })[0]!.status).toBe('failed');
  });

  it('says why a run failed, in both languages, and only links http(s)', () => {
    const failed = run({ status: 'failed', errorCode: 'http-status', httpStatus: 502 });
    expect(runStatusText(failed, translator('en'))).toBe('Failed: the service answered HTTP 502');
    expect(runStatusText(failed, translator('zh-CN'))).toBe('失败：服务返回 HTTP 502');
    expect(runStatusText(run({}), translator('en'))).toBe('Running…');
    expect(safeLink('https://x.example/a')).toBe('https://x.example/a');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'not a url', null]) expect(safeLink(bad)).toBeNull();
  });
});
