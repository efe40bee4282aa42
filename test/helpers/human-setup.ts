// Every test process starts as the human: no agent marker in process.env (the suite itself may
// run inside an agent session). A test that plays the agent sets its marker explicitly.
import { AGENT_MARKERS } from '../../src/core/agent-env.js';

for (const m of AGENT_MARKERS) delete process.env[m.variable];

// output is compared as plain text: a FORCE_COLOR from the runner's environment (CI services
// set it) would colour every spawned CLI; a test of colour sets it itself
delete process.env.FORCE_COLOR;
