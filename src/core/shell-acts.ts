// Which human act a shell command invokes, if any: `killdate signoff ...`, `npx killdate approve`,
// `node dist/killdate.js -C x accept`, one of several commands joined by ; && || | or $( ).
// The before-shell hook of every agent refuses such a command, task or no task. Pure. A
// determined script can still hide the word; the act itself refuses inside an agent too.
import { HUMAN_ACTS, type HumanAct } from './human-acts.js';

/** Global options that take a value before the command name. */
const VALUE_OPTIONS = new Set(['-C', '--cwd']);

/**
 * The words of each segment of a shell command, quotes and escapes removed. The guard asks
 * three questions of one command on every shell call: the last command's words are kept.
 */
let last: { command: string; words: string[][] } | undefined;
function segments(command: string): string[][] {
  if (last?.command !== command)
    last = {
      command,
      words: command
        .split(/[;&|\n()`{}]|\$\(/)
        .map((s) =>
          s
            .replace(/["'\\]/g, '')
            .split(/\s+/)
            .filter(Boolean),
        )
        .filter((w) => w.length > 0),
    };
  return last.words;
}

const isKilldate = (word: string): boolean => /(^|\/)killdate(\.[cm]?js)?$/.test(word);

/** The act the words after `killdate` (from `from`) name, its options skipped, if it is a human act. */
function actAfter(words: string[], from: number): HumanAct | undefined {
  const rest: string[] = [];
  for (let i = from; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('-')) {
      if (VALUE_OPTIONS.has(w)) i++;
      continue;
    }
    rest.push(w);
    if (rest.length === 2) break;
  }
  const one = rest[0] ?? '';
  const two = rest.join(' ');
  return HUMAN_ACTS.find((a) => a === two || a === one);
}

/** The human act `command` invokes, or undefined. */
export function humanActIn(command: string): HumanAct | undefined {
  for (const words of segments(command))
    for (let i = 0; i < words.length; i++)
      if (isKilldate(words[i] as string)) {
        const act = actAfter(words, i + 1);
        if (act) return act;
      }
  return undefined;
}

/** Whether `command` runs `killdate task stop` or `killdate task start` (what ends or replaces a task's guard). */
export function taskCommandIn(command: string): 'task stop' | 'task start' | undefined {
  for (const words of segments(command))
    for (let i = 0; i < words.length; i++)
      if (isKilldate(words[i] as string)) {
        // the first two words after it that are no option or option value (never a copy of the rest)
        const rest: string[] = [];
        for (let k = i + 1; k < words.length && rest.length < 2; k++)
          if (!words[k]!.startsWith('-') && !VALUE_OPTIONS.has(words[k - 1]!)) rest.push(words[k]!);
        const two = rest.join(' ');
        if (two === 'task stop' || two === 'task start') return two;
      }
  return undefined;
}

/**
 * Start flags that run an agent without the hooks or the plugin killdate installs, each played
 * with the real binary (a write outside FILES lands): Claude Code's `--bare` and `--restricted`,
 * and its `--setting-sources` and `--settings` (which can leave out or turn off the settings
 * holding the hooks), Qwen Code's `--safe-mode`, opencode's `--pure`, and Codex's
 * `codex_hooks` feature turned off on the command line (`--disable codex_hooks`, `-c ...`).
 */
const HOOKS_OFF: Record<string, (word: string) => boolean> = {
  claude: (w) => /^--(bare|restricted|setting-sources|settings)(=|$)/.test(w),
  qwen: (w) => /^--safe-mode(=|$)/.test(w),
  opencode: (w) => /^--pure(=|$)/.test(w),
  codex: (w) => w.includes('codex_hooks'),
};

/** The flag among an agent's arguments that starts it without its hooks (shown with its option), or undefined. */
export function hooksOffFlag(agent: string, args: readonly string[]): string | undefined {
  const off = HOOKS_OFF[agent];
  const at = off ? args.findIndex(off) : -1;
  return at < 0 ? undefined : shownFlag(args, at);
}

/** A flag, with its option when it is an option's value: `--disable codex_hooks`, `-c features.codex_hooks=false`. */
function shownFlag(words: readonly string[], at: number): string {
  const w = words[at]!;
  return !w.startsWith('-') && words[at - 1]?.startsWith('-') ? `${words[at - 1]} ${w}` : w;
}

/** An agent that `command` starts without its hooks, as `<agent> <flag>` (`claude --bare`), or undefined. */
export function agentWithoutHooksIn(command: string): string | undefined {
  for (const words of segments(command)) {
    const started = new Set<string>(); // one pass, however many words: the hooks' time limit holds
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const agent = [...started].find((a) => HOOKS_OFF[a]!(w));
      if (agent) return `${agent} ${shownFlag(words, i)}`;
      const named = /(?:^|\/)(claude|qwen|opencode|codex)$/.exec(w)?.[1];
      if (named) started.add(named);
    }
  }
  return undefined;
}
