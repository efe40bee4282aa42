// The environment of every git killdate runs: no prompt, C messages, and no replace objects
// (`git replace` would let an agent show another object under a record's id). No imports: the
// tool-call guard loads it.

export const gitEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
  GIT_NO_REPLACE_OBJECTS: '1',
});
