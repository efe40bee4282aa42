#!/usr/bin/env node
// A `command` planner for the loop tests: reads the diagnosis prompt, names the failed checks.
if (process.argv.includes('--version')) {
  process.stdout.write('1.0.0 (diagnose)\n');
  process.exit(0);
}
if (process.env.KD_PLANNER_ENV_OUT)
  (await import('node:fs')).writeFileSync(
    process.env.KD_PLANNER_ENV_OUT,
    process.env.KILLDATE_RUN_ID ?? 'none',
  );
if (process.env.KD_PLANNER_SAY)
  process.stdout.write(`${(await import('node:fs')).readFileSync(process.env.KD_PLANNER_SAY, 'utf8')}\n`);
let prompt = '';
for await (const c of process.stdin) prompt += c;
const failed = prompt.split('## Failed checks')[1]?.split('##')[0]?.trim() ?? '';
process.stdout.write(`Diagnosis: the task drifted.\n${failed}\nRecommendation: revert the task.\n`);
