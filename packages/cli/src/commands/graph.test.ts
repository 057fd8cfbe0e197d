/**
 * `mosaic graph` over a real store: answers as the named user sees the network, needs a purpose,
 * and logs the consultation in the audit chain.
 */
import { validateRecord } from '@mosaic/model';
import { openMosaic, parseConfig } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOnStore } from '../run-for-test.ts';
import { run } from './graph.ts';

let world: TestMosaic;

beforeAll(async () => {
  world = await openTestMosaic();
  const raws = [
    { id: 'c1', schema: 'Person', properties: { name: ['Ilias Moreau'] }, provenance: testProvenance('fedpol') },
    { id: 'c2', schema: 'Person', properties: { name: ['Jonas Peeters'] }, provenance: testProvenance('fedpol') },
    { id: 'c3', schema: 'Person', properties: { name: ['Hidden Courier'] }, provenance: testProvenance('intel') },
    { id: 'ca', schema: 'Associate', properties: { person: ['c1'], associate: ['c2'] }, provenance: testProvenance('fedpol') },
    { id: 'cb', schema: 'Associate', properties: { person: ['fedpol:c1'], associate: ['c3'] }, provenance: testProvenance('intel') },
    { id: 'cs', schema: 'Sighting', properties: { person: ['c1'], date: ['2016-03-01'], place: ['Gare du Midi'], latitude: ['50.836'], longitude: ['4.336'] }, provenance: testProvenance('fedpol') },
  ];
  for (const raw of raws) {
    const v = validateRecord(world.mosaic.registry, raw);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await world.mosaic.store.putRecords([v.record], { actor: 'test' });
  }
  await world.mosaic.close();
});

afterAll(() => {
  // The test store was closed before the command opened it: only its folder is left to remove.
  rmSync(world.dir, { recursive: true, force: true });
});

const mosaic = (...argv: string[]) => runOnStore(run, world.dir, argv);

const AS = ['--as', 'zoneOfficer', '--purpose', 'network analysis', '--case', 'CASE-CLI'];

describe('mosaic graph', () => {
  it('expands a record as the named user sees it, as JSON', async () => {
    const { code, out, err } = await mosaic('expand', 'fedpol:c1', '--level', 'record', ...AS);
    expect(code).toBe(0);
    const body = JSON.parse(out) as { nodes: { id: string }[]; edges: { type: string }[] };
    expect(body.nodes.map((n) => n.id).sort()).toEqual(['fedpol:c1', 'fedpol:c2']);
    expect(body.edges.map((e) => e.type)).toEqual(['associate']);
    expect(err).toContain('"nodes":2');
    expect(err).not.toContain('Moreau');
  });

  it('gives paths, timeline, places and a GraphML export, and the owner sees more', async () => {
    const path = JSON.parse((await mosaic('path', 'fedpol:c2', 'fedpol:c1', '--level', 'record', ...AS)).out) as { paths: { hops: number }[] };
    expect(path.paths[0]?.hops).toBe(1);
    const timeline = JSON.parse((await mosaic('timeline', 'fedpol:c1', '--level', 'record', ...AS)).out) as { events: { id: string }[] };
    expect(timeline.events.map((e) => e.id)).toEqual(['fedpol:cs']);
    const places = JSON.parse((await mosaic('places', 'fedpol:c1', '--level', 'record', ...AS)).out) as { places: { lat: number }[] };
    expect(places.places[0]?.lat).toBeCloseTo(50.836);
    // an export is an analyst's: the officer's role exports no record
    await expect(mosaic('export', 'fedpol:c1', '--format', 'graphml', '--level', 'record', ...AS)).rejects.toThrow('graph export: role not permitted (records are exported by an analyst)');
    const graphml = await mosaic('export', 'fedpol:c1', '--format', 'graphml', '--level', 'record', '--as', 'fedAnalyst', ...AS.slice(2));
    expect(graphml.out).toContain('<graphml');
    expect(graphml.out).toContain('<data key="g_tlp">AMBER</data>');
    expect(graphml.out).not.toContain('Hidden Courier');
    // the hidden record exists: its owner expands it, the zone officer is told it is not there
    const owner = JSON.parse((await mosaic('expand', 'intel:c3', '--level', 'record', '--as', 'intelAnalyst', '--purpose', 'p', '--case', 'c')).out) as { nodes: { id: string }[] };
    expect(owner.nodes.map((n) => n.id)).toEqual(['intel:c3']);
    await expect(mosaic('expand', 'intel:c3', '--level', 'record', ...AS)).rejects.toThrow(/not visible/);
  });

  it('names the option a refused filter was given by, as typed', async () => {
    await expect(mosaic('timeline', 'fedpol:c1', '--level', 'record', '--since', 'notadate', ...AS)).rejects.toMatchObject({ code: 'MOSAIC_QUERY_REJECTED', message: 'graph timeline: --since: "notadate" is not an ISO partial date (YYYY, YYYY-MM or YYYY-MM-DD) of a real day' });
    await expect(mosaic('expand', 'fedpol:c1', '--level', 'record', '--until', '2016-13', ...AS)).rejects.toThrow('graph expand: --until: "2016-13" is not an ISO partial date');
    await expect(mosaic('path', 'fedpol:c1', 'fedpol:c2', '--since', '2017', '--until', '2016', ...AS)).rejects.toThrow('graph path: --until: "2016" is before --since "2017"');
    await expect(mosaic('communities', 'fedpol:c1', '--agency', 'fedpol', '--agency', 'nowhere', ...AS)).rejects.toThrow('graph communities: --agency: "nowhere" is not an agency of this deployment');
  });

  it('refuses without a purpose and logs every answer with its case', async () => {
    await expect(mosaic('expand', 'fedpol:c1', '--as', 'zoneOfficer')).rejects.toMatchObject({ code: 'MOSAIC_PURPOSE_REQUIRED', message: expect.stringContaining('graph expand: --purpose P and --case C are required') });
    await expect(mosaic('path', 'fedpol:c1', 'fedpol:c2', '--as', 'zoneOfficer', '--purpose', 'network analysis')).rejects.toThrow('graph path: --purpose P and --case C are required');
    const usage = await mosaic('expand', ...AS.slice(2));
    expect(usage.code).toBe(2);
    const check = await openMosaic(parseConfig({ dataDir: world.dir }, world.dir));
    try {
      const entries = await check.store.readAudit({ fromSeq: 0, limit: 1000 });
      expect(JSON.stringify(entries)).toContain('CASE-CLI');
    } finally {
      await check.close();
    }
  });

  it('refuses an option its subcommand does not take, rather than ignore it', async () => {
    await expect(mosaic('expand', 'fedpol:c1', '--format', 'xml', ...AS)).rejects.toMatchObject({ code: 'MOSAIC_INVALID_INPUT', message: expect.stringMatching(/^graph expand: --format is not an option of graph expand \(it takes --as, --purpose, --case, --level, /) });
    await expect(mosaic('expand', 'fedpol:c1', '--measure', 'foo', '--k', '2', ...AS)).rejects.toThrow('graph expand: --measure, --k are not options of graph expand');
    await expect(mosaic('places', 'fedpol:c1', '--hops', '2', ...AS)).rejects.toThrow('graph places: --hops is not an option of graph places');
    expect((await mosaic('centrality', 'fedpol:c1', 'fedpol:c2', '--measure', 'pagerank', '--level', 'record', ...AS)).code).toBe(0);
  });
});
