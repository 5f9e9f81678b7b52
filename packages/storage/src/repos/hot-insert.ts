import { CompiledQuery, type Compilable } from 'kysely';
import type { WriteStatement } from '../plan';
import type { Executor } from './executor';

/**
 * The hot path (every chat message) inserts rows of a fixed shape. Building and compiling the
 * query each time costs about as much as running it, so the compiled SQL is kept per shape and
 * executor type and run again with new parameters. `build` must put the values in a fixed order;
 * `params` lists them in that same order.
 */
export class HotInsert<Args extends unknown[]> {
  private sql = new Map<string, string>();

  constructor(
    private readonly build: (ex: Executor, ...args: Args) => Compilable,
    private readonly params: (...args: Args) => unknown[],
  ) {}

  async execute(ex: Executor, shape: string, ...args: Args) {
    const { sql, params } = this.statement(ex, shape, ...args);
    return ex.executeQuery(CompiledQuery.raw(sql, [...params]));
  }

  /** The statement without running it (for a write plan). */
  statement(ex: Executor, shape: string, ...args: Args): WriteStatement {
    // The dialect decides placeholder syntax; each Kysely instance has one dialect.
    const key = `${ex.getExecutor().adapter.constructor.name}:${shape}`;
    const sql = this.sql.get(key);
    if (sql !== undefined) return { sql, params: this.params(...args) };
    const compiled = this.build(ex, ...args).compile();
    this.sql.set(key, compiled.sql);
    return { sql: compiled.sql, params: compiled.parameters };
  }
}
