import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Reads from a streaming replica (DATABASE_READ_URL), without ever serving a writer stale data.
 *
 * Two rules decide, per read, whether the replica may answer it:
 *  1. Read-your-writes: a request that carries the WAL position of its user's last write (the
 *     `durva-wlsn` cookie, set on the answer of every write request) is answered by the replica only
 *     once the replica has replayed that position (`pg_last_wal_replay_lsn() >= cookie`); until then by
 *     the primary. No process memory is involved: any app process behind the load balancer decides the
 *     same way.
 *  2. Bounded lag: the replica answers only while it has replayed what the primary had written
 *     `maxLagMs` ago (default 1 s), so lag-tolerant reads are never older than that, even for users who
 *     never wrote; a replica that stops, breaks or falls behind sends the reads back to the primary.
 *
 * Both positions are sampled at most every `sampleMs` per process and cached. A cached replay position is
 * never ahead of the real one (it only grows), so deciding on it can only send a read to the primary
 * needlessly, never to a replica that lacks the write; when the cache is short of a cookie's position
 * it is refreshed once before falling back to the primary.
 */

/** A WAL position ("16/B374D848") as a number that compares correctly; null when it is not one. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? "");
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

/**
 * The primary's WAL insert position: at or past the commit record of every transaction committed before
 * the call, whatever `synchronous_commit` says. This is the position a write request's cookie carries.
 */
export async function primaryWalPosition(primary: Db): Promise<bigint> {
  return lsnOf(primary, sql`select pg_current_wal_insert_lsn()::text as lsn`);
}

/** What the primary has flushed, i.e. all a replica can have been sent: the lag bound compares with it. */
function primaryFlushPosition(primary: Db): Promise<bigint> {
  return lsnOf(primary, sql`select pg_current_wal_flush_lsn()::text as lsn`);
}

async function lsnOf(db: Db, query: ReturnType<typeof sql>): Promise<bigint> {
  const [row] = rowsOf<{ lsn: string }>(await db.execute(query));
  const lsn = parseLsn(row?.lsn);
  if (lsn === null) throw new Error(`unexpected WAL position ${row?.lsn}`);
  return lsn;
}

/** How far the replica has replayed; `null` = the server is not a standby (it is current by definition). */
async function replayPosition(replica: Db): Promise<bigint | null> {
  const [row] = rowsOf<{ lsn: string | null; standby: boolean }>(
    await replica.execute(sql`select pg_last_wal_replay_lsn()::text as lsn, pg_is_in_recovery() as standby`),
  );
  if (!row?.standby) return null;
  return parseLsn(row.lsn) ?? 0n;
}

export type ReadTarget = "replica" | "primary";

export interface ReplicaRouterOptions {
  /** reads may be this much behind the primary (default 1000 ms) */
  maxLagMs?: number;
  /** how often each process samples the two positions (default 250 ms) */
  sampleMs?: number;
  /** after a replica failure, how long reads stay on the primary before the replica is tried again (default 5 s) */
  retryAfterMs?: number;
  now?: () => number;
  onError?: (e: unknown) => void;
}

export class ReplicaRouter {
  private readonly maxLagMs: number;
  private readonly sampleMs: number;
  private readonly retryAfterMs: number;
  private readonly now: () => number;
  /** the primary's flushed position over the last maxLagMs, oldest first */
  private primarySamples: { at: number; lsn: bigint }[] = [];
  private replay: { at: number; lsn: bigint | null } | null = null;
  private downUntil = 0;
  private sampling: Promise<void> | null = null;
  private replaying: Promise<void> | null = null;

  constructor(
    readonly primary: Db,
    readonly replica: Db,
    private readonly opts: ReplicaRouterOptions = {},
  ) {
    this.maxLagMs = opts.maxLagMs ?? 1000;
    this.sampleMs = opts.sampleMs ?? 250;
    this.retryAfterMs = opts.retryAfterMs ?? 5000;
    this.now = opts.now ?? Date.now;
  }

  /** Where a lag-tolerant read goes, given the position of the reader's last write (null: none known). */
  async target(writtenAt: bigint | null): Promise<ReadTarget> {
    if (this.now() < this.downUntil) return "primary";
    try {
      if (!this.replay || this.now() - this.replay.at >= this.sampleMs) await this.sample();
      if (this.caughtUp(writtenAt)) return "replica";
      // the cache may be a little behind: ask the replica once more before giving up on it
      await this.refreshReplay();
      return this.caughtUp(writtenAt) ? "replica" : "primary";
    } catch (e) {
      this.downUntil = this.now() + this.retryAfterMs;
      this.opts.onError?.(e);
      return "primary";
    }
  }

  async db(writtenAt: bigint | null): Promise<Db> {
    return (await this.target(writtenAt)) === "replica" ? this.replica : this.primary;
  }

  private caughtUp(writtenAt: bigint | null): boolean {
    if (!this.replay) return false;
    const replayed = this.replay.lsn;
    if (replayed === null) return true; // not a standby: nothing to wait for
    if (writtenAt !== null && replayed < writtenAt) return false;
    const bound = this.lagBound();
    return bound === null || replayed >= bound;
  }

  /**
   * What the primary had flushed `maxLagMs` ago, or a little later: the oldest sample taken since then.
   * Never an earlier one, which would allow more lag; when samples are sparse the bound is only stricter.
   */
  private lagBound(): bigint | null {
    const cutoff = this.now() - this.maxLagMs;
    for (const s of this.primarySamples) if (s.at >= cutoff) return s.lsn;
    return this.primarySamples.at(-1)?.lsn ?? null;
  }

  /** Both positions, the primary's first (a replay position read after it is compared with it fairly). */
  private sample(): Promise<void> {
    this.sampling ??= (async () => {
      try {
        const at = this.now();
        const lsn = await primaryFlushPosition(this.primary);
        this.primarySamples.push({ at, lsn });
        while (this.primarySamples.length > 1 && this.primarySamples[0]!.at < at - this.maxLagMs) this.primarySamples.shift();
        await this.refreshReplay();
      } finally {
        this.sampling = null;
      }
    })();
    return this.sampling;
  }

  private refreshReplay(): Promise<void> {
    this.replaying ??= (async () => {
      try {
        const at = this.now();
        this.replay = { at, lsn: await replayPosition(this.replica) };
      } finally {
        this.replaying = null;
      }
    })();
    return this.replaying;
  }
}
