// Minimal types for the untyped write dependency (no @types package is installed).
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
