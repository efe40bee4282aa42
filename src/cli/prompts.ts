// The person's prompts (@clack/prompts). They redraw themselves with cursor moves, so they write
// with the terminal's own write (cli/terminal.ts filters every other output); in exchange every
// text killdate hands them is shown inline first: a task or file name can hold control characters.
import { shownInline } from '../core/visible.js';
import { unguardedStream } from './terminal.js';

type Clack = typeof import('@clack/prompts');

export async function prompts() {
  const clack = await import('@clack/prompts');
  const output = unguardedStream(process.stdout);
  const say = (text: string) => shownInline(text);
  return {
    isCancel: clack.isCancel,
    intro: (title: string) => clack.intro(say(title), { output }),
    outro: (message: string) => clack.outro(say(message), { output }),
    cancel: (message: string) => clack.cancel(say(message), { output }),
    text: (o: Parameters<Clack['text']>[0]) => clack.text({ ...o, message: say(o.message), output }),
    confirm: (o: Parameters<Clack['confirm']>[0]) => clack.confirm({ ...o, message: say(o.message), output }),
    select: <Value extends string>(o: { message: string; options: { value: Value; label: string }[] }) =>
      clack.select<Value>({
        message: say(o.message),
        options: o.options.map((x) => ({ value: x.value, label: say(x.label) })) as never,
        output,
      }),
  };
}
