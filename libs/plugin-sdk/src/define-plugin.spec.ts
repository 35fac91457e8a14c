import { definePlugin } from './index';

describe('definePlugin', () => {
  it('returns a valid manifest unchanged', () => {
    const m = { id: 'load-balancer', version: '1.0.0', name: 'Load balancer', dependsOn: [] };
    expect(definePlugin(m)).toBe(m);
  });
  it('refuses a bad id, a bad version and a self-dependency', () => {
    expect(() => definePlugin({ id: 'Bad Id', version: '1.0.0', name: 'x' })).toThrow(/lowercase/);
    expect(() => definePlugin({ id: 'ok', version: '1.0', name: 'x' })).toThrow(/x\.y\.z/);
    expect(() => definePlugin({ id: 'ok', version: '1.0.0', name: 'x', dependsOn: ['ok'] })).toThrow(/itself/);
  });
});
