// Public entry point of @chaintrail/adapters. Keep this list deliberate: index.test.ts pins it.
export {};
