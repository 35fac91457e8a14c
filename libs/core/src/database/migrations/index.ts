import { CoreSchema1732400000000 } from './1732400000000-core-schema';
import { Notifications1732400000001 } from './1732400000001-notifications';
import { ContactsCompaniesIndexes1732400000020 } from './1732400000020-contacts-companies-indexes';
import { Automations1732400000030 } from './1732400000030-automations';
import { Marketplace1732400000040 } from './1732400000040-marketplace';
import { PluginUpgrades1732400000050 } from './1732400000050-plugin-upgrades';

/** Listed explicitly (not globbed) so the webpack bundle carries them. Append, never edit a shipped one. */
export const coreMigrations = [CoreSchema1732400000000, Notifications1732400000001, ContactsCompaniesIndexes1732400000020, Automations1732400000030, Marketplace1732400000040, PluginUpgrades1732400000050];
