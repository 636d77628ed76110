export * from "./types";
export * from "./dose";
export * from "./layout";
export * from "./pas-bundle";
