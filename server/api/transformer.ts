import superjson from "superjson";

/**
 * Whether superjson would send `value` as it is: strings, booleans, finite numbers other than -0, null,
 * arrays without holes and plain objects of those. Anything else (undefined, NaN, dates, maps, sets,
 * big integers, class instances) needs superjson's annotations.
 */
export function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k of Object.keys(value)) if (!isPlainJson((value as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}

/**
 * tRPC's transformer on the server: superjson, with a plain-JSON answer sent as superjson would send
 * it (`{ json }`, no annotations) without superjson's walk. A list page's answer is plain JSON, and
 * superjson took ~0.24 ms to serialise a 25-row worklist page where the check takes ~0.005 ms
 * (docs/benchmarks.md, "Session 14"). The browser's client is plain superjson: same wire format.
 */
export const serverTransformer = {
  serialize: (value: unknown): unknown => (isPlainJson(value) ? { json: value } : superjson.serialize(value)),
  deserialize: (payload: unknown): unknown => superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]),
};
