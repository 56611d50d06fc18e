/** The facade over the real analysers (tree-sitter metrics, secret scanner, clone detector). */
import { analyzeChange, analyzeFiles, rules } from '../../../src/engine';
import { unifiedDiff } from '../change/unified-diff';

const priceOrder = [
  'export function priceOrder(order: Order, customer: Customer): number {',
  '  let price = order.base;',
  '  if (order.express) price += 10;',
  '  if (order.weight > 20) price += 5;',
  '  for (const item of order.items) {',
  '    if (item.fragile) price += 2;',
  '    while (item.count > 100) item.count--;',
  '  }',
  '  if (customer.vip && order.total > 100) price *= 0.9;',
  "  if (customer.country === 'DE' || customer.country === 'AT') price += 3;",
  '  return price;',
  '}',
];
const shipOrder = priceOrder.map((line) => line.replace('priceOrder', 'shipOrder').replace('price', 'cost'));
const helper = ['export function round(n: number): number {', '  return Math.round(n * 100) / 100;', '}'];
const secretValue = 'ghp_4f9QeKx2Lm8Tz0aB7cD1eF3gH5iJ6kL9mN2p';

describe('engine facade (real analysers)', () => {
  it('finds a complex TypeScript function and a leaked token, without the token value', async () => {
    const result = await analyzeFiles([
      { path: 'src/order.ts', text: priceOrder.join('\n') },
      { path: 'src/config.ts', text: `export const token = "${secretValue}";\n` },
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.path, f.functionName])).toEqual([
      ['hard-coded-secret', 'src/config.ts', undefined],
      ['complex-method', 'src/order.ts', 'priceOrder'],
    ]);
    expect(JSON.stringify(result)).not.toContain(secretValue);
    expect(result.health.files.find((f) => f.path === 'src/order.ts')?.score).toBeLessThan(10);
    expect(rules).toHaveLength(11);
  });

  it('reports only the new complex function when an old one is moved in the same change', async () => {
    const before = [...priceOrder, '', ...helper].join('\n');
    const after = [...helper, '', ...priceOrder, '', ...shipOrder].join('\n');
    const result = await analyzeChange({
      base: [{ path: 'src/order.ts', text: before }],
      head: [{ path: 'src/order.ts', text: after }],
      diff: unifiedDiff('src/order.ts', 'src/order.ts', before, after),
    });
    expect(
      result.head.findings.filter((f) => f.ruleId === 'complex-method').map((f) => f.functionName),
    ).toEqual(['priceOrder', 'shipOrder']);
    expect(result.newFindings.map((f) => [f.ruleId, f.functionName])).toEqual([
      ['complex-method', 'shipOrder'],
    ]);
    expect(result.fixedFindings).toEqual([]);
    expect(result.complexityAdded).toBe(10);
    expect(result.health.delta).toBeLessThan(0);
  });
});
