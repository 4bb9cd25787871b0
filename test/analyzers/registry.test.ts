// The analyzer registry: one analyzer per name.
import { describe, expect, it } from 'vitest';
import { analyzers } from '../../lib/analyzers/index.ts';

describe('analyzer registry', () => {
  it('has one analyzer per name', () => {
    const names = analyzers.map((analyzer) => analyzer.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
