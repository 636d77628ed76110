export * from "./format";
export * from "./timeline";
