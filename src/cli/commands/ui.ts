// killdate ui: the board, a local web app over the same api, until Ctrl-C.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { KilldateError } from '../../core/errors.js';
import { globalCwd } from '../output.js';

export function register(program: Command): void {
  program
    .command('ui')
    .description('Serve the board on 127.0.0.1 with a per-launch token; Ctrl-C stops it')
    .option('--port <n>', 'listen on this port (default: a free one)')
    .option('--open', 'open the board in the default browser')
    .option('--today <date>', 'evaluate dates as of this day (YYYY-MM-DD)')
    .action(async (opts: { port?: string; open?: boolean; today?: string }, cmd: Command) => {
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
        throw new KilldateError('USAGE', `--port ${opts.port}: expected a port number from 1 to 65535`);
      const { startBoard } = await import('../../web/server.js');
      const { humanActsHere } = await import('../../web/acts.js');
      const terminal = !!process.stdin.isTTY && !!process.stdout.isTTY;
      const acts = humanActsHere(process.env, terminal);
      const board = await startBoard({
        cwd: globalCwd(cmd),
        ...(port ? { port } : {}),
        ...(opts.today ? { today: opts.today } : {}),
        acts,
      }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') throw new KilldateError('USAGE', `port ${port} is in use`);
        throw e;
      });
      process.stdout.write(`killdate board: ${board.url}\n`);
      process.stderr.write(
        `${board.root}\n${acts.allowed ? 'sign-offs and decisions: each asks to confirm' : `read-only: ${acts.reason}`}\nCtrl-C stops it\n`,
      );
      if (board.watchedOnly)
        process.stderr.write(
          `live updates: only ${board.watchedOnly} folders are watched (this system's file-watch budget); reload the page to see changes elsewhere\n`,
        );
      if (opts.open) openBrowser(board.launchUrl());
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          board.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stderr.write('board stopped\n');
    });
}

/** The browser `$BROWSER` names, else the system's opener, given a one-time address. */
function openBrowser(url: string): void {
  const bin = process.env.BROWSER || (process.platform === 'darwin' ? 'open' : 'xdg-open');
  try {
    const child = spawn(bin, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`could not start ${bin}: open the address above\n`));
    child.unref();
  } catch {}
}
