import { api } from './support/api';

describe('health', () => {
  it('says which database and queue the app runs on', async () => {
    const res = await api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    if (process.env['E2E_MODE'] === 'external') {
      expect(res.body).toMatchObject({ db: 'postgres', queue: 'bull' });
    } else {
      expect(res.body).toMatchObject({ db: 'pglite', queue: 'in-process' });
    }
  });

  it('serves the generated OpenAPI document', async () => {
    const res = await fetch(process.env['E2E_URL']!.replace('/api/v1', '/api/docs-json'));
    expect(res.status).toBe(200);
    const doc: any = await res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/portals', '/api/v1/auth/login']));
  });
});
