// The confirmation every human act asks for on the board: what will be recorded, where, then
// Confirm or Cancel. Nothing is sent before Confirm.
import { h, post } from './dom.js';
import { CONFIRM_CLOSED } from './panel.js';

export interface ActAsk {
  act: string;
  body: Record<string, string>;
  /** what will be recorded, in words */
  summary: string;
  /** ask for a reason (required when `reasonRequired`) */
  reason?: 'optional' | 'required';
  done: () => void;
}

export function actButton(label: string, ask: ActAsk, disabled?: string): HTMLElement {
  const box = h('span', { class: 'act' });
  const button = h(
    'button',
    { type: 'button', 'data-act': ask.act, disabled: !!disabled, title: disabled ?? '' },
    label,
  ) as HTMLButtonElement;
  button.addEventListener('click', () =>
    box.replaceChildren(confirmBox(ask, () => box.replaceChildren(button))),
  );
  box.append(button);
  return box;
}

function confirmBox(ask: ActAsk, cancel: () => void): HTMLElement {
  const reason = ask.reason
    ? (h('input', {
        type: 'text',
        name: 'reason',
        placeholder: `reason (${ask.reason})`,
        size: 40,
      }) as HTMLInputElement)
    : null;
  const message = h('p', { class: 'muted' });
  const ok = h(
    'button',
    { type: 'button', class: 'confirm', 'data-confirm': ask.act },
    'Confirm',
  ) as HTMLButtonElement;
  ok.addEventListener('click', async () => {
    const why = reason?.value.trim() ?? '';
    if (ask.reason === 'required' && !why) {
      message.textContent = 'a reason is required';
      return;
    }
    ok.disabled = true;
    box.dataset.sent = ''; // the page may redraw from here: the act is the person's
    message.textContent = 'recording…';
    try {
      await post(`/api/act/${ask.act}`, { ...ask.body, ...(why ? { reason: why } : {}) });
      message.textContent = 'recorded';
      message.className = 'ok';
      ask.done();
    } catch (e) {
      ok.disabled = false;
      delete box.dataset.sent;
      message.textContent = (e as Error).message;
      message.className = 'error';
    }
  });
  const box = h(
    'div',
    { class: 'confirm-box', role: 'dialog', 'aria-label': `confirm ${ask.act}` },
    h('p', {}, ask.summary),
    reason,
    ok,
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          box.dispatchEvent(new Event(CONFIRM_CLOSED, { bubbles: true }));
          cancel();
        },
      },
      'Cancel',
    ),
    message,
  );
  return box;
}
