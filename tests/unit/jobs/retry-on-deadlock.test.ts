import { describe, expect, it } from "vitest";
import { retryOnDeadlock } from "@/server/jobs/retry";

const quiet = { warn: () => undefined };
const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });

describe("retryOnDeadlock", () => {
  it("tries again after a deadlock and returns what the next attempt gives", async () => {
    let calls = 0;
    const v = await retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw deadlock();
      return "created";
    }, quiet);
    expect(v).toBe("created");
    expect(calls).toBe(3);
  });

  it("gives up after its attempts and throws the deadlock", async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw deadlock();
      }, quiet, 2),
    ).rejects.toMatchObject({ code: "40P01" });
    expect(calls).toBe(2);
  });

  it("does not retry any other error", async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw Object.assign(new Error("permission denied"), { code: "42501" });
      }, quiet),
    ).rejects.toThrow("permission denied");
    expect(calls).toBe(1);
  });
});
