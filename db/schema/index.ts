export * from "./core";
export * from "./audit";
export * from "./reference";
