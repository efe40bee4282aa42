// Splits a byte stream into lines as it arrives, with a bound on one line's length (a line
// beyond the bound is cut and flagged, the rest of it skipped) and a bounded tail of the text.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private buf = '';
  private skipping = false;

  constructor(
    private readonly onLine: (line: string, cut: boolean) => void,
    private readonly maxLine = 8 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let text = this.decoder.write(chunk);
    while (text.length > 0) {
      const nl = text.indexOf('\n');
      const piece = nl === -1 ? text : text.slice(0, nl);
      text = nl === -1 ? '' : text.slice(nl + 1);
      if (!this.skipping) this.buf += piece;
      if (this.buf.length > this.maxLine) {
        this.onLine(this.buf.slice(0, 1000), true);
        this.buf = '';
        this.skipping = true;
      }
      if (nl !== -1) this.endLine();
    }
  }

  private endLine(): void {
    if (!this.skipping) this.onLine(this.buf.replace(/\r$/, ''), false);
    this.buf = '';
    this.skipping = false;
  }

  end(): void {
    this.buf += this.decoder.end();
    if (this.buf.length > 0 || this.skipping) this.endLine();
  }
}

/** Keeps the last `max` characters written to it. */
export class Tail {
  private text = '';
  constructor(private readonly max = 8192) {}
  add(s: string): void {
    this.text += s;
    if (this.text.length > this.max * 2) this.text = this.text.slice(-this.max);
  }
  toString(): string {
    return this.text.slice(-this.max);
  }
  /** the last non-empty lines, joined, at most `chars` long */
  lastLines(n = 3, chars = 400): string {
    const lines = this.toString()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const s = lines.slice(-n).join(' | ');
    return s.length > chars ? `…${s.slice(-chars)}` : s;
  }
}
