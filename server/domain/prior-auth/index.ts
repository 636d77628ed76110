export * from "./codes";
export * from "./ledger";
export * from "./requirements";
export * from "./units";
