// Feeds a secdojo IAM case file (JSON Lines, docs/policy-cases.md) to @cloud-copilot/iam-simulate,
// one `runSimulation` per line, and prints `N agree, M disagree, K errors` (agree = iam-simulate's
// decision equals the case's `expected`). The whole process is what benches/iam_simulate/run.sh
// times against `secdojo policy test` on the same file, so this reads the file line by line as
// secdojo does and does no more work than a batch runner needs.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate';

const DECISION = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };

function simulation(c) {
  const r = c.request;
  const byKind = (k) => c.policies.filter((p) => p.kind === k);
  const scps = new Map();
  for (const p of byKind('scp')) {
    const level = String(p.level ?? 'default');
    if (!scps.has(level)) scps.set(level, []);
    scps.get(level).push({ name: `scp-${scps.get(level).length}`, policy: p.document });
  }
  const resource = byKind('resource')[0];
  const session = byKind('session')[0];
  return {
    request: {
      principal: r.principal === 'anonymous' ? anonymousPrincipal : r.principal,
      action: r.action,
      resource: {
        resource: r.resource ?? '*',
        accountId: r.resource_account ?? r.principal_account ?? '',
      },
      contextVariables: r.context ?? {},
    },
    identityPolicies: byKind('identity').map((p, i) => ({ name: `identity-${i}`, policy: p.document })),
    serviceControlPolicies: [...scps].map(([orgIdentifier, policies]) => ({ orgIdentifier, policies })),
    resourceControlPolicies: [],
    resourcePolicy: resource?.document,
    permissionBoundaryPolicies: byKind('boundary').map((p, i) => ({ name: `boundary-${i}`, policy: p.document })),
    sessionPolicy: session?.document,
  };
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node simulate.mjs CASES.jsonl');
  process.exit(2);
}
let agree = 0;
let disagree = 0;
let errors = 0;
const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let c;
  try {
    c = JSON.parse(line);
  } catch {
    errors++;
    continue;
  }
  if (!Array.isArray(c.policies)) continue;
  const result = await runSimulation(simulation(c), { simulationMode: 'Strict' });
  if (result.resultType === 'error') {
    errors++;
  } else if (DECISION[result.overallResult] === c.expected) {
    agree++;
  } else {
    disagree++;
  }
}
console.log(`${agree} agree, ${disagree} disagree, ${errors} errors`);
