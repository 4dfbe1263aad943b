// Imported by scripts/startup.ts to measure what loading Node's TypeScript stripper costs on its own.
export {};
