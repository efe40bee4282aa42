// Every test process starts as the human: no agent marker in process.env (the suite itself may
// run inside an agent session). A test that plays the agent sets its marker explicitly.
import { AGENT_MARKERS } from '../../src/core/agent-env.js';

for (const m of AGENT_MARKERS) delete process.env[m.variable];
