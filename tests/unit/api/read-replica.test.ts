import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { formatLsn, parseLsn, ReplicaRouter } from "@/db/replica";
import { writeMarkOf } from "@/server/api/read-your-writes";

/** A primary and a replica that answer the router's position queries with what the test sets. */
function fakeServers() {
  const state = { flushed: "0/100", replayed: "0/100" as string | null, standby: true, replicaDown: false, primaryQueries: 0, replicaQueries: 0 };
  const primary = {
    execute: async () => {
      state.primaryQueries++;
      return [{ lsn: state.flushed }];
    },
  } as unknown as Db;
  const replica = {
    execute: async () => {
      state.replicaQueries++;
      if (state.replicaDown) throw new Error("connect ECONNREFUSED 127.0.0.1:5433");
      return [{ lsn: state.replayed, standby: state.standby }];
    },
  } as unknown as Db;
  return { state, primary, replica };
}

function clock() {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
}

describe("WAL positions", () => {
  it("parse, compare and print like PostgreSQL's pg_lsn", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn("0/FFFFFFFF")! < parseLsn("1/0")!).toBe(true);
    expect(formatLsn(parseLsn("16/B374D848")!)).toBe("16/B374D848");
    for (const bad of ["", "16", "16/", "/1", "G/1", "1/2/3", "123456789/0", null, undefined]) expect(parseLsn(bad)).toBeNull();
  });

  it("the write mark is read from the request's cookies; anything else is no mark", () => {
    expect(writeMarkOf("authjs.session-token=abc; durva-wlsn=0%2F1A2B")).toBe(0x1a2bn);
    expect(writeMarkOf("durva-wlsn=3/10")).toBe((3n << 32n) + 0x10n);
    expect(writeMarkOf("authjs.session-token=abc")).toBeNull();
    expect(writeMarkOf("durva-wlsn=nonsense")).toBeNull();
    expect(writeMarkOf(null)).toBeNull();
  });
});

describe("ReplicaRouter", () => {
  it("sends a reader to the replica once it has replayed the reader's last write, to the primary until then", async () => {
    const { state, primary, replica } = fakeServers();
    const c = clock();
    const router = new ReplicaRouter(primary, replica, { now: c.now });
    expect(await router.target(null)).toBe("replica");
    // the reader wrote at 0/200; the replica has 0/100
    state.flushed = "0/200";
    expect(await router.target(parseLsn("0/200"))).toBe("primary");
    // a reader without that write may still read the replica (within the lag bound)
    expect(await router.target(null)).toBe("replica");
    state.replayed = "0/200";
    // the cached position is short of the mark: the router asks the replica again before giving up on it
    expect(await router.target(parseLsn("0/200"))).toBe("replica");
    expect(await router.db(parseLsn("0/200"))).toBe(replica);
    expect(await router.db(parseLsn("0/201"))).toBe(primary);
  });

  it("sends every lag-tolerant read to the primary while the replica is more than maxLagMs behind", async () => {
    const { state, primary, replica } = fakeServers();
    const c = clock();
    const router = new ReplicaRouter(primary, replica, { now: c.now, maxLagMs: 1000, sampleMs: 250 });
    expect(await router.target(null)).toBe("replica");
    // the primary moves on, the replica stops replaying
    c.t += 300;
    state.flushed = "0/300";
    expect(await router.target(null)).toBe("replica"); // 300 ms behind: allowed
    c.t += 500;
    expect(await router.target(null)).toBe("replica"); // 800 ms
    c.t += 400;
    expect(await router.target(null)).toBe("primary"); // 1.2 s behind what the primary had flushed
    state.replayed = "0/300";
    c.t += 300;
    expect(await router.target(null)).toBe("replica");
  });

  it("uses the primary when the replica fails, and tries the replica again after a pause", async () => {
    const { state, primary, replica } = fakeServers();
    const c = clock();
    const errors: unknown[] = [];
    const router = new ReplicaRouter(primary, replica, { now: c.now, retryAfterMs: 5000, onError: (e) => errors.push(e) });
    state.replicaDown = true;
    expect(await router.target(null)).toBe("primary");
    expect(errors).toHaveLength(1);
    state.replicaDown = false;
    const asked = state.replicaQueries;
    c.t += 1000;
    expect(await router.target(null)).toBe("primary"); // still pausing: the replica is not even asked
    expect(state.replicaQueries).toBe(asked);
    c.t += 4500;
    expect(await router.target(null)).toBe("replica");
  });

  it("asks the servers at most every sampleMs while the replica is current", async () => {
    const { state, primary, replica } = fakeServers();
    const c = clock();
    const router = new ReplicaRouter(primary, replica, { now: c.now, sampleMs: 250 });
    for (let i = 0; i < 20; i++) {
      expect(await router.target(parseLsn("0/50"))).toBe("replica");
      c.t += 10;
    }
    expect(state.primaryQueries).toBe(1);
    expect(state.replicaQueries).toBe(1);
  });

  it("treats a read URL that is not a standby as current", async () => {
    const { state, primary, replica } = fakeServers();
    state.standby = false;
    state.replayed = null;
    const router = new ReplicaRouter(primary, replica, { now: clock().now });
    expect(await router.target(parseLsn("FF/0"))).toBe("replica");
  });
});
