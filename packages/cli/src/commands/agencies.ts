/**
 * mosaic agencies list | agencies add ID --name N --country CC --desk D --desk-name DN --contact C --purpose P --case C [--create-store]
 *
 * `agencies add` goes through the admin API's createAgency (POST /admin/agencies), as the
 * command line's operator acting as system administrator: the same checks (ids, an ISO 3166
 * country code, the contact desk's id, plain text) and the same `administration` audit entry, with the
 * reason (--purpose) and change reference (--case) given. It is how a deployment without the
 * demo gets its first agency and desk, so that `mosaic users add` can give it its first system
 * administrator, who signs in and does the rest in Administration.
 *
 * Like the other administrative commands it works on an existing store (existing-store.ts), so
 * that a mistyped --data is refused rather than made into a new, empty deployment; the first
 * agency of a new deployment is added with --create-store, which says that a new store is meant.
 * What is given is checked before any store is opened (validateNewAgency), so that a mistake
 * refused leaves no new, empty store behind, which a later command would take for the deployment.
 */
import { AppError, isAppError } from '@mosaic/model';
import { createAgency, openMosaic, storeLocation, validateNewAgency, type NewAgency } from '@mosaic/service';
import { openStore } from '@mosaic/store';
import { PURPOSE_OPTIONS, STORE_OPTIONS, configOf, parse, requirePurposeOptions, takesOnly } from '../args.ts';
import { prepareDataFolder } from '../data-folder.ts';
import { existingStore } from '../existing-store.ts';
import { OPERATOR } from '../operator.ts';

const USAGE = 'usage: mosaic agencies list | agencies add ID --name N --country CC --desk D --desk-name DN --contact C --purpose P --case C [--create-store]';

/** The option that gave each field createAgency names in a refusal. */
const OPTION_OF_FIELD: Readonly<Record<string, string>> = {
  id: 'ID', name: '--name', country: '--country', 'contactDesk.id': '--desk', 'contactDesk.name': '--desk-name', 'contactDesk.contact': '--contact',
};

const ADD_OPTIONS = ['name', 'country', 'desk', 'desk-name', 'contact', 'purpose', 'case', 'create-store'];

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse('agencies', argv, {
    ...STORE_OPTIONS, ...PURPOSE_OPTIONS, name: { type: 'string' }, country: { type: 'string' }, desk: { type: 'string' }, 'desk-name': { type: 'string' },
    contact: { type: 'string' }, 'create-store': { type: 'boolean' },
  });
  const config = configOf(values);
  if (positionals[0] === 'list' && positionals.length === 1) {
    const store = await openStore(storeLocation(await existingStore('agencies list', config)));
    try {
      const { agencies, desks } = await store.getOrg();
      for (const agency of agencies) {
        console.log(JSON.stringify({ ...agency, desks: desks.filter((d) => d['agency'] === agency.id).map((d) => d.id) }));
      }
      return 0;
    } finally {
      await store.close();
    }
  }
  const id = positionals[1];
  if (positionals[0] !== 'add' || positionals.length !== 2 || !id) {
    console.error(USAGE);
    return 2;
  }
  takesOnly('agencies add', values, ADD_OPTIONS);
  const { name, country, desk, 'desk-name': deskName, contact } = values;
  if (!name || !country || !desk || !deskName || !contact) {
    const missing = ([['--name N', name], ['--country CC', country], ['--desk D', desk], ['--desk-name DN', deskName], ['--contact C', contact]] as const).filter(([, given]) => !given).map(([option]) => option);
    throw new AppError('MOSAIC_INVALID_INPUT', `agencies add: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required`);
  }
  const given = requirePurposeOptions('agencies add', values);
  const input: NewAgency = { id, name, country, contactDesk: { id: desk, name: deskName, contact } };
  try {
    validateNewAgency(input);
  } catch (error) {
    throw namedByOption(error);
  }
  const mosaic = await openMosaic(values['create-store'] === true ? await prepareDataFolder('agencies add', config) : await existingStore('agencies add', config));
  try {
    const agency = await createAgency(mosaic, { user: OPERATOR, ...given }, input);
    console.log(JSON.stringify({ added: agency.id, country: agency.country, desk: agency.contactDesk }));
    return 0;
  } catch (error) {
    throw namedByOption(error);
  } finally {
    await mosaic.close();
  }
}

/** A refusal of the admin API names the body's field; here, the option that gave it. */
function namedByOption(error: unknown): unknown {
  const field = isAppError(error) ? error.details?.['field'] : undefined;
  const reason = isAppError(error) ? error.details?.['reason'] : undefined;
  const option = typeof field === 'string' ? OPTION_OF_FIELD[field] : undefined;
  if (!isAppError(error) || option === undefined || typeof reason !== 'string') return error;
  return new AppError(error.code, `agencies add: ${option}: ${reason}`, error.details);
}
