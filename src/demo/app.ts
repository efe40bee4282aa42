// The example product's own code: a tiny invoicing web app whose tests really run (`node --test`).
// Paths are workspace-relative; the text is written as it is, with the kill dates filled in.
import type { DemoDates, DemoFiles } from './tree.js';

/** package.json of one release. */
export function appPackage(version: string): DemoFiles {
  return {
    'package.json': `{
  "name": "quillbill",
  "version": "${version}",
  "private": true,
  "type": "module",
  "description": "Invoices for freelancers: write one in a minute, see which ones are late.",
  "scripts": {
    "start": "node src/server.js",
    "test": "node --test"
  }
}
`,
  };
}

export const appFiles = (d: DemoDates): DemoFiles => ({
  ...appPackage('1.0.0'),
  'README.md': `# Quillbill

Invoices for freelancers. \`npm start\` serves the invoice list on http://127.0.0.1:3000,
\`npm test\` runs the tests. The project follows the killdate method: start with \`AGENTS.md\`.
`,
  'src/flags.js': `// Feature flags, read once at start-up.
// KILLDATE ${d.flagKill} flag overdue_badges: remove once every account has had it on for 14 days with no UI- issue opened
export const flags = {
  overdue_badges: process.env.QUILLBILL_OVERDUE_BADGES !== '0',
};
`,
  'src/invoice.js': `// An invoice: { id, client, issued, due, currency, taxRate, lines: [{ label, quantity, unitCents }] }

export function subtotalCents(invoice) {
  return invoice.lines.reduce((sum, line) => sum + line.quantity * line.unitCents, 0);
}

/** Tax is rounded once, on the subtotal, half away from zero. */
export function totalCents(invoice) {
  const subtotal = subtotalCents(invoice);
  return subtotal + Math.round(subtotal * invoice.taxRate);
}
`,
  'src/money.js': `// Amounts are integer cents everywhere; only the view turns them into text.
export function formatCents(cents, currency = 'EUR') {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  return \`\${sign}\${currency} \${whole}.\${String(abs % 100).padStart(2, '0')}\`;
}
`,
  'src/overdue.js': `// Days past the due date, counted in whole calendar days; 0 when not late or already paid.
const DAY = 86_400_000;

export function daysOverdue(invoice, today) {
  if (invoice.paid) return 0;
  const late = Math.round((Date.parse(\`\${today}T00:00:00Z\`) - Date.parse(\`\${invoice.due}T00:00:00Z\`)) / DAY);
  return late > 0 ? late : 0;
}
`,
  'src/server.js': `import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { flags } from './flags.js';
import { renderInvoiceList } from './views/invoice-list.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const invoices = [
  { id: 'Q-101', client: 'Harbour Studio', issued: '${d.ago(55)}', due: '${d.ago(25)}', currency: 'EUR',
    taxRate: 0.2, lines: [{ label: 'Logo design', quantity: 1, unitCents: 120000 }] },
  { id: 'Q-102', client: 'Moss & Sons', issued: '${d.ago(15)}', due: '${d.ahead(15)}', currency: 'EUR',
    taxRate: 0.2, lines: [{ label: 'Site audit', quantity: 3, unitCents: 45000 }] },
];

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.setHeader('content-type', 'application/json');
    return res.end(JSON.stringify({ ok: true, version }));
  }
  const today = new Date().toISOString().slice(0, 10);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(renderInvoiceList(invoices, today, flags));
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(\`Quillbill \${version} on http://127.0.0.1:\${server.address().port}\`),
);
`,
  'src/legacy/float-amounts.js': `// Reads invoices saved by Quillbill 0.x, whose amounts were floats in euros, as integer cents.
// KILLDATE ${d.shimKill} shim float-amounts: delete once no stored invoice has had a float amount for 30 days
export function fromFloatInvoice(old) {
  return {
    ...old,
    lines: old.lines.map((line) => ({ label: line.label, quantity: line.quantity, unitCents: Math.round(line.price * 100) })),
  };
}
`,
  'src/views/invoice-list.js': `import { totalCents } from '../invoice.js';
import { formatCents } from '../money.js';
import { daysOverdue } from '../overdue.js';

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => \`&#\${c.charCodeAt(0)};\`);

function badge(invoice, today, flags) {
  if (!flags.overdue_badges) return '';
  const days = daysOverdue(invoice, today);
  return days > 0 ? \` <span class="badge overdue">\${days} days late</span>\` : '';
}

export function renderInvoiceList(invoices, today, flags) {
  if (invoices.length === 0) return '<p class="empty">No invoices yet. Write your first one.</p>';
  const rows = invoices.map(
    (inv) =>
      \`<tr><td>\${escape(inv.id)}</td><td>\${escape(inv.client)}\${badge(inv, today, flags)}</td>\` +
      \`<td class="total">\${formatCents(totalCents(inv), inv.currency)}</td></tr>\`,
  );
  return \`<table class="invoices">\\n\${rows.join('\\n')}\\n</table>\`;
}
`,
  'test/invoice.test.js': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { subtotalCents, totalCents } from '../src/invoice.js';
import { formatCents } from '../src/money.js';

const invoice = { taxRate: 0.2, lines: [{ quantity: 3, unitCents: 333 }, { quantity: 1, unitCents: 1 }] };

test('subtotal adds quantity times unit price', () => {
  assert.equal(subtotalCents(invoice), 1000);
});

test('tax is rounded once, on the subtotal', () => {
  assert.equal(totalCents(invoice), 1200);
});

test('cents are formatted with two decimals and a currency', () => {
  assert.equal(formatCents(123456, 'EUR'), 'EUR 1,234.56');
  assert.equal(formatCents(-5), '-EUR 0.05');
});
`,
  'test/overdue.test.js': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysOverdue } from '../src/overdue.js';
import { renderInvoiceList } from '../src/views/invoice-list.js';

const late = { id: 'Q-1', client: 'Ada', due: '${d.ago(24)}', currency: 'EUR', taxRate: 0, lines: [] };

test('days overdue counts whole days after the due date', () => {
  assert.equal(daysOverdue(late, '${d.ago(21)}'), 3);
  assert.equal(daysOverdue(late, '${d.ago(24)}'), 0);
  assert.equal(daysOverdue({ ...late, paid: true }, '${d.today}'), 0);
});

test('the badge shows only with the overdue_badges flag on', () => {
  assert.match(renderInvoiceList([late], '${d.ago(21)}', { overdue_badges: true }), /3 days late/);
  assert.doesNotMatch(renderInvoiceList([late], '${d.ago(21)}', { overdue_badges: false }), /late/);
});

test('an empty list says so', () => {
  assert.match(renderInvoiceList([], '${d.today}', { overdue_badges: true }), /No invoices yet/);
});
`,
});
