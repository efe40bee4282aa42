export const TOKEN_TABLE: string;

export function tokenTable(): Buffer;

export function writeTokenTable(file: string): void;
