import { describe, expect, it } from 'vitest';
import { exportWithheld, withheldNotice } from './export-withheld.ts';

const withheld = { records: 3, nodes: 1, edges: 2, reasons: { 'handling: owner consent required': 2, 'no onward sharing': 1 } };

describe('what an export left out', () => {
  it('is read from a JSON export\'s attributes', () => {
    expect(exportWithheld('json', JSON.stringify({ attributes: { tlp: 'AMBER', withheld }, options: {}, nodes: [], edges: [] }))).toEqual(withheld);
  });

  it('is read from a GraphML export\'s graph data, its reasons an escaped JSON object', () => {
    const graphml = '<graphml><graph id="G" edgedefault="undirected"><data key="g_tlp">AMBER</data><data key="g_withheldRecords">3</data><data key="g_withheldNodes">1</data>' +
      '<data key="g_withheldEdges">2</data><data key="g_withheldReasons">{&quot;handling: owner consent required&quot;:2,&quot;no onward sharing&quot;:1}</data></graph></graphml>';
    expect(exportWithheld('graphml', graphml)).toEqual(withheld);
  });

  it('is nothing when the file says nothing, or is not what was asked', () => {
    expect(exportWithheld('graphml', '<graphml><graph id="G"></graph></graphml>')).toEqual({ records: 0, nodes: 0, edges: 0, reasons: {} });
    expect(exportWithheld('json', 'not json')).toEqual({ records: 0, nodes: 0, edges: 0, reasons: {} });
  });

  it('is said in words, the most frequent reason first', () => {
    expect(withheldNotice(withheld)).toBe('3 records you may read were left out of the file: 2 because their owner’s consent is required (handling code H2 or H3); '
      + '1 because they are not to be shared onward (TLP AMBER+STRICT or RED). With them, 1 entity and 2 relations of the chart.');
    expect(withheldNotice({ records: 1, nodes: 0, edges: 1, reasons: { 'some other reason': 1 } })).toBe('1 record you may read was left out of the file: 1 because some other reason. With them, 1 relation of the chart.');
    expect(withheldNotice({ records: 0, nodes: 0, edges: 0, reasons: {} })).toBe('Nothing you may read was left out of the file.');
  });
});
