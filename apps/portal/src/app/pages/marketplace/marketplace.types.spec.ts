import { withTranslations } from './marketplace.types';
import type { Plugin } from './marketplace.types';

const plugin: Plugin = { id: 'lb', name: 'Load balancer', version: '1.0.0', summary: 'Assigns work', category: 'productivity', dependsOn: [], installed: false, installedVersion: null };

it('gives name and summary per language, English where a translation is missing', () => {
  const p = withTranslations({ ...plugin, translations: { uk: { name: 'Балансувальник', summary: 'Призначає роботу' }, ru: { name: 'Балансировщик' } } });
  expect(p.name).toEqual({ en: 'Load balancer', uk: 'Балансувальник', ru: 'Балансировщик' });
  expect(p.summary).toEqual({ en: 'Assigns work', uk: 'Призначає роботу' });
  expect(withTranslations(plugin).name).toEqual({ en: 'Load balancer' });
});
