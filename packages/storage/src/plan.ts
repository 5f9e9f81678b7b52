/**
 * Write plans: units of write work that need no JavaScript between their statements, so a whole
 * batch of them can run elsewhere (the SQLite writer thread) in one transaction.
 */
import { CompiledQuery } from 'kysely';
import type { Executor } from './repos/executor';

/** One SQL statement with its parameters, already compiled for the target dialect. */
export interface WriteStatement {
  sql: string;
  params: readonly unknown[];
}

/**
 * A unit of write work that needs no JavaScript between its statements, so a whole batch of them
 * can run elsewhere (a writer thread) in one transaction.
 */
export interface WritePlan {
  statements: readonly WriteStatement[];
  /**
   * The first statement is an insert that may meet a duplicate (ON CONFLICT DO NOTHING): when it
   * changes no row, the rest of the plan is skipped.
   */
  guard?: boolean;
}

export interface PlanResult {
  /** Rows changed by each statement that ran (rows returned, for a statement that returns rows). */
  changes: number[];
  /** True when the guard statement changed nothing and the rest was skipped. */
  skipped: boolean;
}

/** A plan's statements through Kysely, in order (PostgreSQL, or SQLite without the writer thread). */
export async function executePlan(ex: Executor, plan: WritePlan): Promise<PlanResult> {
  const changes: number[] = [];
  for (const [i, { sql, params }] of plan.statements.entries()) {
    const res = await ex.executeQuery(CompiledQuery.raw(sql, [...params]));
    const n = res.numAffectedRows !== undefined ? Number(res.numAffectedRows) : res.rows.length;
    changes.push(n);
    if (plan.guard && i === 0 && n === 0) return { changes, skipped: true };
  }
  return { changes, skipped: false };
}
