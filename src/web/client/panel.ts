// A panel: one api read and its four states (loading, error, empty, populated), named in
// data-state. A live update redraws a panel in place, keeping what it shows until the new data
// is in; a panel with a confirmation open (not yet confirmed) is redrawn only once it closes,
// so a file written while a person reads the confirmation never takes it from under their click.
import { h } from './dom.js';

export interface PanelSpec<T> {
  id: string;
  title: string;
  load: () => Promise<T>;
  /** the empty state's sentence, or undefined when there is something to show */
  empty: (data: T) => string | undefined;
  render: (data: T) => Node;
  wide?: boolean;
}

export interface Panel {
  el: HTMLElement;
  /** `live`: asked by a change in the workspace, not by the person */
  refresh: (live?: boolean) => Promise<void>;
}

/** Sent (bubbling) by a confirmation box as it closes without recording anything. */
export const CONFIRM_CLOSED = 'killdate-confirm-closed';

export function panel<T>(spec: PanelSpec<T>): Panel {
  const body = h('div', { class: 'body' });
  const el = h(
    'section',
    { class: `panel${spec.wide ? ' wide' : ''}`, id: spec.id, 'data-state': 'loading' },
    h('h2', {}, spec.title),
    body,
  );
  body.append(h('p', { class: 'muted', 'aria-busy': 'true' }, 'Loading…'));
  let seq = 0;
  let missed = false;
  const refresh = async (live = false) => {
    const mine = ++seq;
    // asked before the confirmation opened or after: nothing is drawn over it either way
    const held = () => {
      const open = live && el.querySelector('.confirm-box:not([data-sent])') !== null;
      if (open) missed = true;
      return open;
    };
    try {
      const data = await spec.load();
      if (mine !== seq || held()) return;
      missed = false;
      const none = spec.empty(data);
      body.replaceChildren(none ? h('p', { class: 'empty' }, none) : spec.render(data));
      el.dataset.state = none ? 'empty' : 'populated';
    } catch (e) {
      if (mine !== seq || held()) return;
      missed = false;
      const err = e as Error & { hint?: string };
      body.replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          err.message,
          err.hint ? h('span', { class: 'hint' }, ` ${err.hint}`) : null,
        ),
      );
      el.dataset.state = 'error';
    }
  };
  el.addEventListener(CONFIRM_CLOSED, () => {
    if (missed) void refresh();
  });
  return { el, refresh };
}
