// Minimal types for the two untyped write dependencies (no @types package is installed).
declare module 'proper-lockfile' {
  interface LockOptions {
    stale?: number;
    realpath?: boolean;
    lockfilePath?: string;
    retries?:
      | number
      | { retries: number; minTimeout?: number; maxTimeout?: number; randomize?: boolean; factor?: number };
  }
  export function lock(file: string, options?: LockOptions): Promise<() => Promise<void>>;
  const lockfile: { lock: typeof lock };
  export default lockfile;
}
declare module 'write-file-atomic' {
  interface WriteOptions {
    encoding?: string;
    mode?: number;
    fsync?: boolean;
  }
  function writeFileAtomic(file: string, data: string, options?: WriteOptions): Promise<void>;
  namespace writeFileAtomic {
    function sync(file: string, data: string, options?: WriteOptions): void;
  }
  export default writeFileAtomic;
}
