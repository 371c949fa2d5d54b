export { inMemoryLayer, makeStore, type MemoryStore } from "./in-memory.ts"
