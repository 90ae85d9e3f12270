// Node's Buffer, for tsc without @types/node (not on this machine's package mirrors).
declare class Buffer extends Uint8Array {}
