export * from "./core";
export * from "./audit";
export * from "./reference";
export * from "./practice-setup";
export * from "./patients";
export * from "./orders";
export * from "./documentation";
export * from "./claims";
