// Task types (METHOD section 5): which disciplines a change needs, from a description or,
// after the fact, from a diff. The five signs force the feature path.
import picomatch from 'picomatch';

export type TaskType = 'feature' | 'migration' | 'bugfix' | 'copy' | 'infra' | 'prompt';
export type Need = 'required' | 'judgment' | 'fixtures' | 'MAJOR/MINOR only' | 'skip';

export interface Disciplines {
  lock: Need;
  runbook: Need;
  tests: Need;
  deployChecklist: Need;
}

export const DISCIPLINES: Record<TaskType, Disciplines> = {
  feature: { lock: 'required', runbook: 'required', tests: 'required', deployChecklist: 'required' },
  migration: { lock: 'required', runbook: 'required', tests: 'required', deployChecklist: 'required' },
  bugfix: { lock: 'skip', runbook: 'skip', tests: 'judgment', deployChecklist: 'required' },
  copy: { lock: 'skip', runbook: 'skip', tests: 'skip', deployChecklist: 'required' },
  infra: { lock: 'skip', runbook: 'skip', tests: 'judgment', deployChecklist: 'required' },
  prompt: { lock: 'MAJOR/MINOR only', runbook: 'skip', tests: 'fixtures', deployChecklist: 'required' },
};

export type Sign = 'new-data' | 'new-ui-surface' | 'schema-migration' | 'three-layers' | 'new-flow';

export interface Reason {
  /** one of the five signs, or the evidence for a smaller type */
  sign?: Sign;
  text: string;
}

export interface Classification {
  type: TaskType;
  disciplines: Disciplines;
  /** which of the five signs fired */
  signs: Sign[];
  reasons: Reason[];
}

const SIGN_WORDS: [Sign, RegExp][] = [
  [
    'schema-migration',
    /\b(migrat\w*|schema|alter table|add (a )?column|drop (a )?column|new table|index on)\b/i,
  ],
  [
    'new-data',
    /\b((new|add(s|ing)?( an?)?) ([\w-]+ ){0,2}(field|column|table|entity|model|data|record|collection|event)s?|store[sd]?|persist\w*|track(s|ing)? (new|the)|ingest\w*|import(s|ing)? data|collect\w*)\b/i,
  ],
  [
    'new-ui-surface',
    /\b(new|add(s|ing)?( an?)?) ([\w-]+ ){0,2}(page|screen|view|route|modal|dialog|panel|tab|component|surface|dashboard|widget|form)s?\b/i,
  ],
  [
    'new-flow',
    /\b(new ([\w-]+ ){0,2}(flow|journey|onboarding|checkout|wizard|signup|sign-up|workflow)|(user|sign[- ]?up|onboarding|checkout|invite|payment) flow)\b/i,
  ],
];
const LAYER_WORDS: [string, RegExp][] = [
  ['ui', /\b(ui|page|screen|component|button|form|modal|frontend|css|view)\b/i],
  ['api', /\b(api|endpoint|route handler|loader|action|server|backend|webhook)\b/i],
  ['data', /\b(database|db|table|column|model|schema|query|migration)\b/i],
  ['infra', /\b(deploy\w*|ci|docker\w*|terraform|kubernetes|k8s|pipeline|hosting|dns|cdn)\b/i],
];
const SMALL: [TaskType, RegExp][] = [
  ['prompt', /\b(prompt|system message|few-shot|llm instruction)s?\b/i],
  [
    'infra',
    /\b(ci|docker\w*|terraform|kubernetes|k8s|pipeline|deploy script|infra\w*|devops|dns|cdn|ssl|cron)\b/i,
  ],
  ['bugfix', /\b(fix\w*|bug|crash\w*|null|undefined|error handling|guard|regression|broken|typo in code)\b/i],
  [
    'copy',
    /\b(copy|wording|text|typo|label|css|colou?r|spacing|font|style|config|setting|flag value|translation)\b/i,
  ],
];

export function classifyDescription(description: string): Classification {
  const reasons: Reason[] = [];
  const signs: Sign[] = [];
  for (const [sign, re] of SIGN_WORDS) {
    const m = re.exec(description);
    if (m) {
      signs.push(sign);
      reasons.push({ sign, text: `"${m[0]}" suggests ${SIGN_TEXT[sign]}` });
    }
  }
  const layers = LAYER_WORDS.filter(([, re]) => re.test(description)).map(([l]) => l);
  if (layers.length >= 3) {
    signs.push('three-layers');
    reasons.push({ sign: 'three-layers', text: `touches ${layers.length} layers: ${layers.join(', ')}` });
  }
  return decide(signs, reasons, () => {
    for (const [type, re] of SMALL) {
      const m = re.exec(description);
      if (m) return { type, text: `no sign of feature work; "${m[0]}" reads as ${TYPE_TEXT[type]}` };
    }
    return undefined;
  });
}

export const SIGN_TEXT: Record<Sign, string> = {
  'new-data': 'new data entering the system',
  'new-ui-surface': 'a new UI surface',
  'schema-migration': 'a schema migration',
  'three-layers': 'a change across three or more layers',
  'new-flow': 'a new user-facing flow',
};
const TYPE_TEXT: Record<TaskType, string> = {
  feature: 'feature work',
  migration: 'a schema migration',
  bugfix: 'a bug fix',
  copy: 'a copy, CSS or config change',
  infra: 'infrastructure work',
  prompt: 'a prompt change (bump MAJOR/MINOR/PATCH)',
};

function decide(
  signs: Sign[],
  reasons: Reason[],
  small: () => { type: TaskType; text: string } | undefined,
): Classification {
  let type: TaskType;
  if (signs.includes('schema-migration') && signs.length === 1) type = 'migration';
  else if (signs.length) type = 'feature';
  else {
    const s = small();
    type = s?.type ?? 'feature';
    reasons.push({
      text:
        s?.text ??
        'nothing identifies a smaller task type: treated as feature work (ask, it is cheaper than unwinding drift)',
    });
  }
  return { type, disciplines: DISCIPLINES[type], signs, reasons };
}

export interface DiffChange {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'untracked' | 'type-changed';
}

export interface DiffGlobs {
  migrations: string[];
  routes: string[];
  components: string[];
  layers: Record<string, string[]>;
}

/** From a diff: migrations, new routes or components, and layers touched per the globs. */
export function classifyDiff(changes: DiffChange[], globs: DiffGlobs): Classification & { layers: string[] } {
  const m = (list: string[]) => picomatch(list.length ? list : ['\0'], { dot: true });
  const isMigration = m(globs.migrations);
  const isRoute = m(globs.routes);
  const isComponent = m(globs.components);
  const added = changes.filter(
    (c) =>
      c.status === 'added' || c.status === 'untracked' || c.status === 'copied' || c.status === 'renamed',
  );
  const signs: Sign[] = [];
  const reasons: Reason[] = [];
  const migrations = changes.filter((c) => isMigration(c.path));
  if (migrations.length) {
    signs.push('schema-migration');
    reasons.push({
      sign: 'schema-migration',
      text: `migration files: ${list(migrations.map((c) => c.path))}`,
    });
  }
  const surfaces = added.filter((c) => isRoute(c.path) || isComponent(c.path));
  if (surfaces.length) {
    signs.push('new-ui-surface');
    reasons.push({
      sign: 'new-ui-surface',
      text: `new routes or components: ${list(surfaces.map((c) => c.path))}`,
    });
  }
  const layers = Object.entries(globs.layers)
    .filter(([, g]) => changes.some((c) => m(g)(c.path)))
    .map(([l]) => l);
  if (layers.length >= 3) {
    signs.push('three-layers');
    reasons.push({ sign: 'three-layers', text: `touches ${layers.length} layers: ${layers.join(', ')}` });
  }
  const base = decide(signs, reasons, () => smallFromDiff(changes, layers));
  return { ...base, layers };
}

function smallFromDiff(
  changes: DiffChange[],
  layers: string[],
): { type: TaskType; text: string } | undefined {
  if (changes.length === 0) return { type: 'copy', text: 'the diff is empty' };
  if (layers.length === 1 && layers[0] === 'infra')
    return { type: 'infra', text: 'only infrastructure files changed' };
  if (changes.every((c) => /\.(css|scss|md|mdx|json|ya?ml|toml|txt|po|strings)$/.test(c.path)))
    return { type: 'copy', text: 'only copy, style or config files changed' };
  if (changes.every((c) => c.status === 'modified'))
    return {
      type: 'bugfix',
      text: `${changes.length} existing file(s) modified, no new file, under three layers`,
    };
  return undefined;
}

function list(paths: string[]): string {
  return paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ');
}
