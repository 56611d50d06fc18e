/**
 * The demo's sample repository: a small payments service on `main`, and a feature branch whose pull request
 * brings real problems a reviewer would want flagged — a tangled function, a copy-pasted block and a hard-coded
 * credential — next to a clean change.
 */
import path from 'node:path';
import { createGitRepository } from '../bitbucket-emulator/git-fixture';

/** `src/service.ts` on `main`: what a change that takes back every problem of the feature branch keeps. */
export const BASE_SERVICE = `export interface Payment {
  id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'settled' | 'failed';
}

export function formatAmount(payment: Payment): string {
  return \`\${(payment.amount / 100).toFixed(2)} \${payment.currency}\`;
}

export function isSettled(payment: Payment): boolean {
  return payment.status === 'settled';
}
`;

const FEATURE_SERVICE = `${BASE_SERVICE}
export function retryPolicy(payment: Payment, attempt: number, region: string, urgent: boolean, manual: boolean): number {
  if (payment.status === 'failed') {
    if (attempt < 3) {
      if (region === 'eu' && urgent) {
        for (let i = 0; i < attempt; i++) {
          if (manual || (payment.amount > 10000 && payment.currency !== 'EUR')) {
            return i * 2;
          }
        }
      } else if (region === 'us' || region === 'ca') {
        return attempt > 1 ? 30 : 10;
      } else {
        while (attempt > 0) {
          attempt--;
          if (payment.amount % 2 === 0 && !urgent) {
            return 60;
          }
        }
      }
    } else if (attempt < 10 && (urgent || manual)) {
      return 300;
    }
  }
  return -1;
}
`;

// Built from pieces so no credential-shaped literal sits in Lintel's own source.
const FAKE_AWS_KEY_ID = ['AKIA', 'Z7Q4', 'XW2M', 'LT9P', 'R3NB'].join('');
const FAKE_AWS_SECRET = ['wJ8rXu', 'Fq2LmN', 'zK5pTb', 'Vc7HyD', 'gE1sQo', 'Wa9Rt3', 'Mk4'].join('');

const FEATURE_CONFIG = `export const config = {
  region: 'eu-west-1',
  accessKeyId: '${FAKE_AWS_KEY_ID}',
  secretAccessKey: '${FAKE_AWS_SECRET}',
};
`;

const REPORT_BLOCK = `  const rows = payments.filter((p) => p.status === 'settled');
  const total = rows.reduce((sum, p) => sum + p.amount, 0);
  const byCurrency = new Map<string, number>();
  for (const p of rows) {
    byCurrency.set(p.currency, (byCurrency.get(p.currency) ?? 0) + p.amount);
  }
  const lines = [...byCurrency.entries()].map(([c, v]) => \`\${c}: \${(v / 100).toFixed(2)}\`);
  lines.sort();
  lines.push(\`total: \${(total / 100).toFixed(2)}\`);
  return lines.join('\\n');
`;

const FEATURE_REPORTS = `import type { Payment } from './service';

export function dailyReport(payments: Payment[]): string {
${REPORT_BLOCK}}

export function weeklyReport(payments: Payment[]): string {
${REPORT_BLOCK}}
`;

export interface SampleRepository {
  gitDir: string;
  mainBranch: string;
  featureBranch: string;
}

export async function createSampleRepository(workDir: string): Promise<SampleRepository> {
  const dir = path.join(workDir, 'payments');
  const { gitDir } = await createGitRepository(dir, [
    {
      branch: 'main',
      message: 'Payments service',
      files: { 'src/service.ts': BASE_SERVICE, 'README.md': '# Payments\n' },
    },
    {
      branch: 'feature/retries',
      from: 'main',
      message: 'Retry failed payments, add reports',
      files: {
        'src/service.ts': FEATURE_SERVICE,
        'src/config.ts': FEATURE_CONFIG,
        'src/reports.ts': FEATURE_REPORTS,
      },
    },
    {
      branch: 'main',
      message: 'Document the service',
      files: { 'README.md': '# Payments\n\nSettlement and reporting for card payments.\n' },
    },
  ]);
  return { gitDir, mainBranch: 'main', featureBranch: 'feature/retries' };
}
