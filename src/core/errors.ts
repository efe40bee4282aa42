// Exceptional conditions: a few typed errors with a stable code and a hint. Expected
// problems are findings, not errors.
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'NOT_FOUND'
  | 'NOT_A_WORKSPACE'
  | 'UNREADABLE'
  | 'REFUSED'
  | 'GIT'
  | 'INTERRUPTED'
  | 'INTERNAL';

const EXIT: Record<ErrorCode, number> = {
  USAGE: 2,
  CONFIG_INVALID: 2,
  NOT_FOUND: 2,
  NOT_A_WORKSPACE: 2,
  UNREADABLE: 2,
  REFUSED: 1,
  GIT: 2,
  INTERRUPTED: 130,
  INTERNAL: 3,
};

export class KilldateError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'KilldateError';
    this.code = code;
    this.hint = hint;
  }
  get exitCode(): number {
    return EXIT[this.code];
  }
}
