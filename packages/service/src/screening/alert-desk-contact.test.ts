import { DeskId } from '@mosaic/model';
import type { User } from '@mosaic/store';
import { afterEach, describe, expect, it } from 'vitest';
import { updateDesk } from '../admin/organisation-admin.ts';
import { followChanges } from '../change-follower.ts';
import { openTestMosaic, putFixtures, testProvenance, type TestMosaic } from '../testing.ts';
import { createAlert, listAlerts } from './alerts.ts';
import { screenCheck } from './screen-check.ts';
import { createScreeningProjection } from './screening-projection.ts';

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function user(name: string): Promise<User> {
  return (await world!.mosaic.store.findUserByName(name))!;
}

describe('an alert issued without a contact of its own', () => {
  it('sends the officer to its desk\'s 24/7 contact as the desk has it now, at the checkpoint and in the agency\'s list; a contact given with the alert stays its own', async () => {
    world = await openTestMosaic();
    const { mosaic } = world;
    await putFixtures(mosaic, [
      { id: 'p1', schema: 'Person', properties: { name: ['Oskar Vantreuil'] }, provenance: testProvenance('fedpol') },
      { id: 'p2', schema: 'Person', properties: { name: ['Ilse Marnowska'] }, provenance: testProvenance('fedpol') },
    ]);
    const analyst = { user: await user('fedAnalyst'), purpose: 'warrant', caseRef: 'FP-1' };
    const issued = await createAlert(mosaic, analyst, { subject: 'fedpol:p1', category: 'arrest' });
    expect(issued.deskContact).toBe('+32 2 000 00 01');
    await createAlert(mosaic, analyst, { subject: 'fedpol:p2', category: 'arrest', deskContact: '+32 2 777 77 77 (case line)' });

    await updateDesk(mosaic, { user: await user('fedAdmin'), purpose: 'the operations room moved', caseRef: 'CHG-3' }, DeskId('fedpol-ops'), { contact: '+32 2 111 11 11' });

    const projection = createScreeningProjection();
    await followChanges(mosaic.store, [projection]).catchUp();
    const checkpoint = { user: await user('zoneCheckpoint') };
    const contactAt = async (name: string): Promise<unknown> => {
      const [hit] = (await screenCheck(mosaic, checkpoint, projection, { query: { name } })).hits;
      return hit?.kind === 'match' ? hit.alerts.map((a) => a.owner.contact) : hit;
    };
    expect(await contactAt('Oskar Vantreuil')).toEqual(['+32 2 111 11 11']);
    expect(await contactAt('Ilse Marnowska')).toEqual(['+32 2 777 77 77 (case line)']);

    const listed = await listAlerts(mosaic, analyst, projection);
    expect(listed.map((a) => [a.subject, a.deskContact]).sort()).toEqual([['fedpol:p1', '+32 2 111 11 11'], ['fedpol:p2', '+32 2 777 77 77 (case line)']]);
  });
});
