export * from "./users";
export * from "./catalog";
export * from "./sync";
export * from "./audit";
export * from "./catalog-series";
export * from "./retention";
export * from "./catalog-stats";
export * from "./catalog-names";
